package dev.fakecluster.internal.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Reply;
import dev.fakecluster.Request;
import dev.fakecluster.internal.shell.Applets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What runs when a container starts, chosen by its image: a registered behaviour, the simulated
 * shell for userland images (busybox, alpine, distributions), the tutorial's servers (nginx and
 * httpd on port 80, the bootcamp app on 8080), or a generic server answering 200 on every
 * declared container port.
 */
final class Images {

    private static final Set<String> USERLAND = Set.of("busybox", "alpine", "ubuntu", "debian", "centos", "fedora");
    static final String HTTPD_PAGE = "<html><body><h1>It works!</h1></body></html>\n";
    static final String NGINX_PAGE = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>If you see this page, the nginx web server is successfully installed and
            working. Further configuration is required.</p>
            </body>
            </html>
            """;

    private final Map<String, ImageBehaviour> registered;

    Images(Map<String, ImageBehaviour> registered) {
        this.registered = Map.copyOf(registered);
    }

    /** The error a runtime gives when the container's executable does not exist, or null when it does. */
    String startError(JsonNode container) {
        List<String> argv = argv(container);
        if (registered(container) != null || argv.isEmpty() || !isUserland(container) || Applets.exists(argv.get(0))) {
            return null;
        }
        return "failed to create containerd task: failed to create shim task: OCI runtime create failed: "
                + "runc create failed: unable to start container process: exec: \"" + argv.get(0)
                + "\": executable file not found in $PATH: unknown";
    }

    /** Starts the container's program at {@code at}; its output lines go to {@code output}. */
    ContainerProcess start(JsonNode container, String pod, Map<String, String> env, Instant at, Consumer<String> output) {
        ImageBehaviour behaviour = registered(container);
        if (behaviour != null) {
            if (behaviour.handler() != null) {
                return new ServerProcess(null, (port, call) -> {
                    Reply r = behaviour.handler()
                            .apply(new Request(call.method(), call.path(), call.headers(), call.body(), pod));
                    return new ContainerProcess.HttpOutcome(r.status(), r.headers(), r.body());
                }, ServerProcess.AccessLog.NONE, output);
            }
            if (behaviour.script() != null) {
                return new ShellProcess(List.of("sh", "-c", behaviour.script()), env, at, output);
            }
            return new ExitAfterProcess(at, behaviour.runtime(), behaviour.exitCode());
        }
        if (isUserland(container)) {
            return new ShellProcess(argv(container), env, at, output);
        }
        String repo = repository(container.path("image").asText());
        if (repo.equals("nginx")) {
            return new ServerProcess(Set.of(80), (port, call) -> page(call.path(), NGINX_PAGE), ServerProcess.AccessLog.NGINX,
                    output);
        }
        if (repo.equals("httpd")) {
            return new ServerProcess(Set.of(80), (port, call) -> page(call.path(), HTTPD_PAGE), ServerProcess.AccessLog.HTTPD,
                    output);
        }
        if (repo.equals("kubernetes-bootcamp")) {
            String version = container.path("image").asText().endsWith(":v2") ? "2" : "1";
            return new ServerProcess(Set.of(8080), (port, call) -> new ContainerProcess.HttpOutcome(200,
                    "Hello Kubernetes bootcamp! | Running on: " + pod + " | v=" + version + "\n"),
                    ServerProcess.AccessLog.NONE, output);
        }
        Set<Integer> ports = new LinkedHashSet<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        String image = container.path("image").asText();
        return new ServerProcess(ports, (port, call) -> new ContainerProcess.HttpOutcome(200, pod + " (" + image + ")\n"),
                ServerProcess.AccessLog.NONE, output);
    }

    private static ContainerProcess.HttpOutcome page(String target, String index) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        return path.equals("/") || path.equals("/index.html") ? new ContainerProcess.HttpOutcome(200, index)
                : new ContainerProcess.HttpOutcome(404, "<html><body><h1>404 Not Found</h1></body></html>\n");
    }

    private ImageBehaviour registered(JsonNode container) {
        String image = container.path("image").asText();
        ImageBehaviour exact = registered.get(image);
        return exact != null ? exact : registered.get(withoutTag(image));
    }

    private static boolean isUserland(JsonNode container) {
        return USERLAND.contains(repository(container.path("image").asText()));
    }

    static List<String> argv(JsonNode container) {
        List<String> argv = new ArrayList<>();
        container.path("command").forEach(a -> argv.add(a.asText()));
        container.path("args").forEach(a -> argv.add(a.asText()));
        return argv;
    }

    /** The image's last path segment without tag or digest: {@code docker.io/library/nginx:1.25} → {@code nginx}. */
    static String repository(String image) {
        String repo = withoutTag(image);
        return repo.substring(repo.lastIndexOf('/') + 1);
    }

    private static String withoutTag(String image) {
        String repo = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = repo.lastIndexOf(':');
        return colon > repo.lastIndexOf('/') ? repo.substring(0, colon) : repo;
    }
}
