package dev.fakecluster.http;

import dev.fakecluster.ApiException;
import java.util.List;

/**
 * A read's error whose Status carries more than an {@link ApiException} holds: a
 * {@code details.retryAfterSeconds} (sent as {@code Retry-After} too) and a
 * {@code metadata.continue} token.
 */
final class ReadFailure extends ApiException {

    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;
    private final String continueToken;

    private ReadFailure(String reason, int code, String message, Details details, int retryAfterSeconds,
            String continueToken) {
        super(reason, code, message, details);
        this.retryAfterSeconds = retryAfterSeconds;
        this.continueToken = continueToken;
    }

    /**
     * 504 for a resourceVersion the server has not reached, as the storage layer's
     * {@code NewTooLargeResourceVersionError} words it.
     */
    static ReadFailure tooLargeResourceVersion(long wanted, long current, int retryAfterSeconds) {
        return new ReadFailure("Timeout", 504,
                "Timeout: Too large resource version: " + wanted + ", current: " + current,
                new Details("", "", "", List.of(new Cause("ResourceVersionTooLarge", "Too large resource version", ""))),
                retryAfterSeconds, null);
    }

    /** 410 for a list whose resourceVersion is older than the kept history. */
    static ReadFailure expired(String message, String continueToken) {
        return new ReadFailure("Expired", 410, message, null, 0, continueToken);
    }

    /** Seconds the client should wait before retrying, 0 when none is suggested. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The token to continue with, or null. */
    String continueToken() {
        return continueToken;
    }
}
