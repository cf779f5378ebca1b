package dev.fakecluster.internal.kubelet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A running simulated container instance: it advances on the virtual clock, receives signals, and
 * answers what probes ask of it (a command run inside it, an HTTP request, a TCP connection).
 */
interface ContainerProcess {

    /** Runs everything due up to {@code t}; returns when it next needs the clock, or its exit. */
    Status advanceTo(Instant t);

    /** SIGTERM at {@code at}; true when the process exits on it (then {@link #advanceTo} reports the exit). */
    boolean terminate(Instant at);

    /** Runs {@code argv} inside the container at {@code at} (exec probes); by default in a fresh userland. */
    default ExecOutcome exec(List<String> argv, Instant at, Duration timeout) {
        return Shells.exec(argv, at, timeout);
    }

    /** Answers a request on {@code port} from {@code from} (an IP); null when nothing listens there (connection refused). */
    HttpOutcome http(int port, HttpCall call, String from, Instant at);

    /** Answers a probe's (or preStop hook's) GET of {@code path}, as {@link #http} does. */
    default HttpOutcome httpGet(int port, String path, String from, Instant at) {
        return http(port, HttpCall.probe(path), from, at);
    }

    /**
     * Runs a lifecycle hook's command inside the container from {@code at}; returns when it finished,
     * or {@code deadline} when it was still running then.
     */
    default Instant runHook(List<String> argv, Instant at, Instant deadline) {
        return Shells.runHook(argv, at, deadline);
    }

    /** Whether something accepts TCP connections on {@code port}. */
    boolean listens(int port);

    /** Where the process is: running until a wake-up instant (null: until signalled), or exited. */
    record Status(boolean exited, int exitCode, Instant at) {
        static Status running(Instant wakeAt) {
            return new Status(false, 0, wakeAt);
        }

        static Status exited(int code, Instant at) {
            return new Status(true, code, at);
        }
    }

    /** The result of a command run inside the container. */
    record ExecOutcome(int exitCode, String output, boolean timedOut) {
    }

    /** An HTTP request as it reaches the container: method, path with query, headers, body. */
    record HttpCall(String method, String path, Map<String, String> headers, String body) {
        public HttpCall {
            headers = Map.copyOf(headers);
            body = body == null ? "" : body;
        }

        /** The kubelet's probe request: GET with its user agent. */
        public static HttpCall probe(String path) {
            return new HttpCall("GET", path, Map.of("User-Agent", "kube-probe/1.32", "Accept", "*/*"), "");
        }
    }

    /** An HTTP answer. */
    record HttpOutcome(int status, Map<String, String> headers, String body) {
        public HttpOutcome {
            headers = Map.copyOf(headers);
        }

        public HttpOutcome(int status, String body) {
            this(status, Map.of("Content-Type", "text/html"), body);
        }
    }
}
