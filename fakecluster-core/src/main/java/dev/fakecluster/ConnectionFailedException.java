package dev.fakecluster;

/**
 * A request sent with {@link ClusterHttp} never reached a container, as a real client's would not:
 * the name does not resolve, nothing accepts the connection (a Service without ready endpoints, a
 * port nobody listens on), or nothing answers at all (a dead node). The message is Go's
 * {@code net} error text, e.g. {@code dial tcp 10.1.82.198:8080: connect: connection refused}.
 *
 * @since 0.1
 */
public class ConnectionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the connection failed. */
    public enum Reason {
        /** The name is not in cluster DNS (NXDOMAIN): {@code lookup x on 10.1.0.10:53: no such host}. */
        NO_SUCH_HOST,
        /** Rejected at once (TCP RST / ICMP reject): no ready endpoint, or nothing listening on the port. */
        REFUSED,
        /** Nothing answered: the address is nobody's, or its node is down. */
        TIMED_OUT
    }

    private final Reason reason;

    /** A failure of the given kind with Go's message text. */
    public ConnectionFailedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the connection failed. */
    public Reason reason() {
        return reason;
    }
}
