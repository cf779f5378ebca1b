package dev.fakecluster.junit;

import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The parameters that need the cluster served over HTTP: the {@code FakeApiServer}, its URL
 * ({@link ApiServerUrl}), a kubeconfig ({@link Kubeconfig}), a fabric8 {@code KubernetesClient} and
 * the official client's {@code ApiClient}. fakecluster-http and the clients are optional
 * dependencies, so types are compared by name and {@link ServedCluster}, {@link Fabric8Client} and
 * {@link OfficialClient} load only once a test asks for them and their classes are there.
 */
final class ServerParameters {

    private static final String SERVER = "dev.fakecluster.http.FakeApiServer";
    private static final String FABRIC8 = "io.fabric8.kubernetes.client.KubernetesClient";
    private static final String OFFICIAL = "io.kubernetes.client.openapi.ApiClient";

    private ServerParameters() {
    }

    /** Whether the parameter is one of ours; a marked parameter of the wrong type is, so that it fails with a reason. */
    static boolean supports(Parameter parameter) {
        String type = parameter.getType().getName();
        return parameter.isAnnotationPresent(ApiServerUrl.class) || parameter.isAnnotationPresent(Kubeconfig.class)
                || type.equals(SERVER) || type.equals(FABRIC8) || type.equals(OFFICIAL);
    }

    /** The value for a supported parameter; starts the server on first use. */
    static Object resolve(Parameter parameter, ClusterHandle handle) {
        Class<?> type = parameter.getType();
        if (parameter.isAnnotationPresent(ApiServerUrl.class)) {
            if (type != URI.class && type != String.class) {
                throw misplaced("@ApiServerUrl", "a URI or String", parameter);
            }
            URI url = served(parameter, handle).url();
            return type == URI.class ? url : url.toString();
        }
        if (parameter.isAnnotationPresent(Kubeconfig.class)) {
            if (type != Path.class) {
                throw misplaced("@Kubeconfig", "a Path", parameter);
            }
            return served(parameter, handle).kubeconfig();
        }
        ServedCluster served = served(parameter, handle);
        return switch (type.getName()) {
            case SERVER -> served.server();
            case FABRIC8 -> handle.extra(FABRIC8, AutoCloseable.class, () -> Fabric8Client.create(served.url()));
            default -> {
                require("io.kubernetes.client.util.Config", "io.kubernetes:client-java", parameter);
                yield handle.extra(OFFICIAL, OfficialClient.class, () -> OfficialClient.create(served.kubeconfig())).client();
            }
        };
    }

    private static ServedCluster served(Parameter parameter, ClusterHandle handle) {
        require(SERVER, "dev.fakecluster:fakecluster-http", parameter);
        return handle.extra(SERVER, ServedCluster.class, () -> ServedCluster.start(handle.cluster()));
    }

    private static void require(String className, String artifact, Parameter parameter) {
        try {
            Class.forName(className, false, ServerParameters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ParameterResolutionException(describe(parameter) + " needs " + artifact
                    + " on the test classpath; add it as a test dependency");
        }
    }

    private static ParameterResolutionException misplaced(String annotation, String types, Parameter parameter) {
        return new ParameterResolutionException(annotation + " goes on " + types + " parameter, not on "
                + describe(parameter));
    }

    private static String describe(Parameter parameter) {
        return "the " + parameter.getType().getSimpleName() + " parameter of "
                + ClusterSettings.describe(parameter.getDeclaringExecutable());
    }
}
