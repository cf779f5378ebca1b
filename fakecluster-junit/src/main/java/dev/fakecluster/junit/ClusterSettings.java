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
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

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
        s.startTime(); // throws here, before anything is built, if it is not an instant
        Class<? extends ClusterCustomizer> customizer = s.annotation.customizer();
        if (customizer == ClusterCustomizer.class) {
            return s;
        }
        if (Modifier.isAbstract(customizer.getModifiers())) {
            throw s.misconfigured("customizer = " + customizer.getSimpleName() + ".class",
                    "it is abstract; name a class the extension can make an instance of");
        }
        if (Arrays.stream(customizer.getDeclaredConstructors()).noneMatch(c -> c.getParameterCount() == 0)) {
            throw s.misconfigured("customizer = " + customizer.getSimpleName() + ".class", "it has no constructor"
                    + " without parameters (an inner class takes its enclosing instance); make it a top-level or"
                    + " static nested class with one");
        }
        return s;
    }

    /** The clock's start, if the annotation sets one. */
    private Optional<Instant> startTime() {
        String start = annotation.startTime();
        if (start.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(start));
        } catch (DateTimeParseException e) {
            throw misconfigured("startTime = \"" + start + "\"", "it is not an instant; write it in ISO-8601 with a Z,"
                    + " e.g. \"2026-01-01T00:00:00Z\"");
        }
    }

    /** A new instance of the annotation's customizer, if it names one. */
    Optional<ClusterCustomizer> newCustomizer() {
        Class<? extends ClusterCustomizer> type = annotation.customizer();
        if (type == ClusterCustomizer.class) {
            return Optional.empty();
        }
        try {
            return Optional.of(ReflectionSupport.newInstance(type));
        } catch (Exception e) { // the constructor's own exception, checked ones included
            throw misconfigured("customizer = " + type.getSimpleName() + ".class", "its constructor threw " + e, e);
        }
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

    /**
     * Builds the cluster, the customizer (if any) having the last word on the builder, and applies
     * the manifests; closes it again if a manifest is rejected.
     */
    Cluster create(ClassLoader loader, Optional<ClusterCustomizer> customizer) {
        ClusterBuilder builder = Cluster.builder().seed(annotation.seed()).nodes(annotation.nodes());
        startTime().ifPresent(builder::startTime);
        if (annotation.systemWorkloads()) {
            builder.systemWorkloads();
        }
        if (annotation.realTime()) {
            builder.realTime(1);
        }
        customizer.ifPresent(c -> customize(c, builder));
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

    private void customize(ClusterCustomizer customizer, ClusterBuilder builder) {
        try {
            customizer.customize(builder);
        } catch (RuntimeException e) {
            throw misconfigured("customizer = " + customizer.getClass().getSimpleName() + ".class",
                    "customize(ClusterBuilder) threw " + e, e);
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
