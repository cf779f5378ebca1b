package dev.fakecluster.junit;

import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import dev.fakecluster.ClusterBuilder;
import dev.fakecluster.junit.FakeCluster.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link FakeCluster} that applies to a context, checked, with the context it was found on:
 * the nearest one walking out from the test method through its class and enclosing classes.
 */
record ClusterSettings(FakeCluster annotation, ExtensionContext declaredOn) {

    /**
     * Walks the context chain (invocation, method, class, enclosing classes) rather than asking
     * {@code AnnotationSupport} to search enclosing classes: the chain covers the method too, and
     * says which context the annotation sits on, which is where a per-class cluster lives.
     */
    static ClusterSettings nearest(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<AnnotatedElement> element = c.getElement();
            Optional<FakeCluster> found = element.flatMap(e -> AnnotationSupport.findAnnotation(e, FakeCluster.class));
            if (found.isPresent()) {
                return checked(new ClusterSettings(found.get(), c));
            }
        }
        throw new ExtensionConfigurationException("no @FakeCluster applies to " + context.getDisplayName()
                + "; annotate its class or method with @FakeCluster");
    }

    private static ClusterSettings checked(ClusterSettings s) {
        if (s.annotation.nodes().length == 0) {
            throw s.misconfigured("nodes = {}", "a cluster needs at least one node, e.g. @FakeCluster(nodes = \"minikube\")");
        }
        if (s.annotation.logLines() < 0) {
            throw s.misconfigured("logLines = " + s.annotation.logLines(),
                    "the number of log lines cannot be negative; use 0 to leave logs out of the failure report");
        }
        if (s.scope() == Scope.PER_CLASS && s.declaredOn.getElement().orElse(null) instanceof Method) {
            throw s.misconfigured("scope = PER_CLASS", "a method has no class-wide cluster to share;"
                    + " put @FakeCluster(scope = PER_CLASS) on the class, or drop the scope here");
        }
        if (s.annotation.reset() && s.scope() == Scope.PER_METHOD) {
            throw s.misconfigured("reset = true", "under scope = PER_METHOD every test already gets a new cluster;"
                    + " reset applies to scope = PER_CLASS");
        }
        return s;
    }

    Scope scope() {
        return annotation.scope();
    }

    /** Whether a shared cluster is rebuilt after each test. */
    boolean resets() {
        return annotation.reset();
    }

    boolean diagnostics() {
        return annotation.diagnostics();
    }

    int logLines() {
        return annotation.logLines();
    }

    /** Where the annotation sits, for messages: {@code WebTest} or {@code WebTest.rollsOut()}. */
    String where() {
        return describe(declaredOn.getElement().orElseThrow());
    }

    /** A class, method or constructor as messages name it: {@code WebTest}, {@code WebTest.rollsOut()}. */
    static String describe(AnnotatedElement element) {
        if (element instanceof Executable m) {
            if (m instanceof Constructor<?>) {
                return "the constructor of " + m.getDeclaringClass().getSimpleName();
            }
            return m.getDeclaringClass().getSimpleName() + "." + m.getName() + "()";
        }
        return ((Class<?>) element).getSimpleName();
    }

    /** Builds the cluster and applies the manifests; closes it again if a manifest is rejected. */
    Cluster create(ClassLoader loader) {
        ClusterBuilder builder = Cluster.builder().seed(annotation.seed()).nodes(annotation.nodes());
        if (annotation.realTime()) {
            builder.realTime(1);
        }
        Cluster cluster;
        try {
            cluster = builder.build();
        } catch (ApiException e) {
            throw misconfigured("nodes = {\"" + String.join("\", \"", annotation.nodes()) + "\"}",
                    "the API server rejected a node: " + e.getMessage(), e);
        }
        try {
            for (String manifest : annotation.manifests()) {
                apply(cluster, manifest, loader);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void apply(Cluster cluster, String manifest, ClassLoader loader) {
        String text = read(manifest, loader);
        try {
            cluster.apply(text);
        } catch (ApiException e) {
            throw misconfigured("manifests = \"" + manifest + "\"", "the API server rejected it: " + e.getMessage(), e);
        }
    }

    private String read(String manifest, ClassLoader loader) {
        URL resource = loader.getResource(manifest.startsWith("/") ? manifest.substring(1) : manifest);
        try {
            if (resource != null) {
                try (InputStream in = resource.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path file = pathOrNull(manifest);
            if (file != null && Files.isRegularFile(file)) {
                return Files.readString(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + manifest, e);
        }
        throw misconfigured("manifests = \"" + manifest + "\"", "there is no classpath resource or file of that name;"
                + " put it under src/test/resources, or give a path from " + Path.of("").toAbsolutePath());
    }

    private static Path pathOrNull(String manifest) {
        try {
            return Path.of(manifest);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    ExtensionConfigurationException misconfigured(String attribute, String problem) {
        return misconfigured(attribute, problem, null);
    }

    private ExtensionConfigurationException misconfigured(String attribute, String problem, Throwable cause) {
        return new ExtensionConfigurationException("@FakeCluster(" + attribute + ") on " + where() + ": " + problem, cause);
    }
}
