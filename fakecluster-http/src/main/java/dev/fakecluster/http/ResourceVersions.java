package dev.fakecluster.http;

/**
 * The {@code resourceVersion} parameter of reads: its parsing and the "not older than" rule that
 * GET and most LISTs follow.
 */
final class ResourceVersions {

    /** What the watch cache suggests to a client that asked for a version it has not reached. */
    static final int TOO_LARGE_RETRY_SECONDS = 1;

    private ResourceVersions() {
    }

    /**
     * Parses a resourceVersion as the API server's versioner does (an unsigned decimal), with the
     * storage layer's words for anything else (400).
     */
    static long parse(String resourceVersion) {
        String why = null;
        if (!resourceVersion.matches("[0-9]+")) {
            why = "invalid syntax";
        } else {
            try {
                return Long.parseLong(resourceVersion);
            } catch (NumberFormatException e) {
                why = "value out of range";
            }
        }
        String quoted = GoText.quote(resourceVersion);
        throw Statuses.badRequest("invalid resource version: resourceVersion: Invalid value: " + quoted
                + ": strconv.ParseUint: parsing " + quoted + ": " + why);
    }

    /**
     * Checks that the server has reached {@code wanted}. The watch cache waits up to 3 s for a newer
     * version before it gives up with 504; this store has no cache to lag behind, so a version it
     * has not reached cannot come from anything a client was served and it answers at once.
     */
    static void requireReached(long wanted, long current) {
        if (wanted > current) {
            throw ReadFailure.tooLargeResourceVersion(wanted, current, TOO_LARGE_RETRY_SECONDS);
        }
    }
}
