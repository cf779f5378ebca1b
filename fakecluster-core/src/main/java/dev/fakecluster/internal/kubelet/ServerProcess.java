package dev.fakecluster.internal.kubelet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A long-running server image (nginx, httpd, the bootcamp app, or any image without a behaviour of
 * its own): it listens on its ports, answers every request through {@code page}, and exits with code 0
 * as soon as it is asked to stop. A command run inside it (an exec probe) finds a plain userland.
 */
final class ServerProcess implements ContainerProcess {

    /** How the server logs a request it answered: nginx's and httpd's access-log formats, or nothing. */
    enum AccessLog { NONE, NGINX, HTTPD }

    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final Set<Integer> ports;
    private final BiFunction<Integer, HttpCall, HttpOutcome> page;
    private final AccessLog accessLog;
    private final Consumer<String> output;
    private Instant stoppedAt;

    /** A server on {@code ports} (null: on every port) answering through {@code page}, logging to {@code output}. */
    ServerProcess(Set<Integer> ports, BiFunction<Integer, HttpCall, HttpOutcome> page, AccessLog accessLog,
            Consumer<String> output) {
        this.ports = ports == null ? null : Set.copyOf(ports);
        this.page = page;
        this.accessLog = accessLog;
        this.output = output;
    }

    @Override
    public Status advanceTo(Instant t) {
        return stoppedAt != null ? Status.exited(0, stoppedAt) : Status.running(null);
    }

    @Override
    public boolean terminate(Instant at) {
        if (stoppedAt == null) {
            stoppedAt = at;
        }
        return true;
    }

    @Override
    public HttpOutcome http(int port, HttpCall call, String from, Instant at) {
        if (!listens(port)) {
            return null;
        }
        HttpOutcome out = page.apply(port, call);
        String line = from + " - - [" + LOG_TIME.format(at) + "] \"" + call.method() + " " + call.path() + " HTTP/1.1\" "
                + out.status() + " " + out.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        switch (accessLog) {
            case NGINX -> output.accept(line + " \"-\" \"" + call.headers().getOrDefault("User-Agent", "-") + "\" \"-\"");
            case HTTPD -> output.accept(line);
            case NONE -> {
            }
        }
        return out;
    }

    @Override
    public boolean listens(int port) {
        return stoppedAt == null && (ports == null || ports.contains(port));
    }
}
