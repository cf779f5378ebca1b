package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.kubelet.Kubelet;
import dev.fakecluster.internal.store.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * The {@code pods/log} subresource ({@code kubectl logs}): what a simulated container printed, the
 * current instance's or with {@code previous=true} the one before, with {@code tailLines}; a pod of
 * several containers needs {@code container}, as the API server demands. With {@code follow=true}
 * the response streams new lines as the container writes them and ends when that container
 * instance stops running, the pod goes, or the server closes.
 * A container that has not started, or has no instance before the current one, is a 400 with the
 * kubelet's message.
 */
final class PodLogs implements AutoCloseable {

    private final Cluster cluster;
    private final Kubelet kubelet;
    private final AtomicBoolean closed = new AtomicBoolean();

    PodLogs(Cluster cluster, Kubelet kubelet) {
        this.cluster = cluster;
        this.kubelet = kubelet;
    }

    /** Ends every follow stream at its next poll. */
    @Override
    public void close() {
        closed.set(true);
    }

    MockResponse serve(Request request, ResourcePath path) {
        if (!request.method().equals("GET")) {
            throw Statuses.methodNotAllowed(request.method(), "pods/log");
        }
        Resource pod = cluster.get("pods", path.namespace(), path.name())
                .orElseThrow(() -> Errors.notFound(path.kind(), path.name()));
        List<String> names = containerNames(pod.json().path("spec").path("containers"));
        String container = request.query("container");
        if (container == null) {
            if (names.size() > 1) {
                throw Statuses.badRequest("a container name must be specified for pod " + path.name()
                        + ", choose one of: [" + String.join(" ", names) + "]");
            }
            container = names.isEmpty() ? null : names.get(0);
        } else if (!names.contains(container) && !containerNames(pod.json().path("spec").path("initContainers"))
                .contains(container)) {
            throw Statuses.badRequest("container " + container + " is not valid for pod " + path.name());
        }
        boolean previous = request.flag("previous");
        checkStarted(pod, container, previous);
        String podKey = StoredObject.key("pods", path.namespace(), path.name());
        LongFunction<Kubelet.LogTail> source = kubelet.logSource(podKey, container, previous);
        if (source == null) {
            throw Errors.notFound(path.kind(), path.name()); // no kubelet knows the pod (yet)
        }
        Kubelet.LogTail all = source.apply(0);
        List<String> lines = all.lines();
        String tail = request.query("tailLines");
        if (tail != null) {
            int keep;
            try {
                keep = Math.max(0, Integer.parseInt(tail));
            } catch (NumberFormatException e) {
                throw Statuses.badRequest("tailLines: invalid value \"" + tail + "\"");
            }
            lines = lines.subList(Math.max(0, lines.size() - keep), lines.size());
        }
        String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        String running = request.flag("follow") && !previous ? runningContainerId(pod, container) : null;
        if (running == null) {
            return Replies.text(200, text);
        }
        String name = container;
        Follow follow = new Follow(text, all.last(), source,
                () -> !closed.get() && running.equals(cluster.get("pods", path.namespace(), path.name())
                        .map(p -> runningContainerId(p, name)).orElse(null)),
                !request.http2());
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/plain").body(follow).removeHeader("Content-Length");
        return (request.http2() ? response : response.setHeader("Transfer-Encoding", "chunked")).build();
    }

    private static List<String> containerNames(JsonNode containers) {
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    /** The containerID of the container while its current instance runs, else null. */
    private static String runningContainerId(Resource pod, String container) {
        for (JsonNode s : pod.json().path("status").path("containerStatuses")) {
            if (s.path("name").asText().equals(container) && s.path("state").has("running")) {
                return s.path("containerID").asText("");
            }
        }
        return null;
    }

    /** A followed log: what there is, then each new line as it comes, polled every 50 ms. */
    private static final class Follow implements MockResponseBody {

        private static final long POLL_NANOS = 50_000_000L;

        private final String initial;
        private final LongFunction<Kubelet.LogTail> after;
        private final BooleanSupplier stillRunning;
        private final boolean chunked;
        private long sent;

        Follow(String initial, long sent, LongFunction<Kubelet.LogTail> after, BooleanSupplier stillRunning,
                boolean chunked) {
            this.initial = initial;
            this.sent = sent;
            this.after = after;
            this.stillRunning = stillRunning;
            this.chunked = chunked;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            write(sink, initial);
            while (true) {
                boolean running = stillRunning.getAsBoolean();
                Kubelet.LogTail next = after.apply(sent);
                if (next != null && !next.lines().isEmpty()) {
                    write(sink, String.join("\n", next.lines()) + "\n");
                    sent = next.last();
                }
                if (!running || next == null) {
                    break;
                }
                LockSupport.parkNanos(this, POLL_NANOS);
            }
            if (chunked) {
                sink.writeUtf8("0\r\n\r\n");
            }
            sink.flush();
        }

        private void write(BufferedSink sink, String text) throws IOException {
            if (text.isEmpty()) {
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (chunked) {
                sink.writeHexadecimalUnsignedLong(bytes.length).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
            } else {
                sink.write(bytes);
            }
            sink.flush();
        }
    }

    /**
     * The kubelet's refusals, as 400s: no instance before the current one ({@code previous}), or a
     * container waiting for its first start.
     */
    private static void checkStarted(Resource pod, String container, boolean previous) {
        JsonNode status = null;
        for (String list : List.of("containerStatuses", "initContainerStatuses")) {
            for (JsonNode s : pod.json().path("status").path(list)) {
                if (s.path("name").asText().equals(container)) {
                    status = s;
                }
            }
        }
        boolean ranBefore = status != null && status.path("lastState").path("terminated").isObject();
        if (previous && !ranBefore) {
            throw Statuses.badRequest("previous terminated container \"" + container + "\" in pod \"" + pod.name()
                    + "\" not found");
        }
        JsonNode waiting = status == null ? null : status.path("state").path("waiting");
        if (!previous && waiting != null && waiting.isObject() && !ranBefore) {
            throw Statuses.badRequest("container \"" + container + "\" in pod \"" + pod.name() + "\" is waiting to start: "
                    + waiting.path("reason").asText("ContainerCreating"));
        }
    }
}
