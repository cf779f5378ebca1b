package dev.fakecluster.http;

import dev.fakecluster.internal.managedfields.Manager;

/**
 * The field manager a request writes as: its {@code fieldManager} parameter, else the
 * User-Agent's program name (the text before the first {@code /}, printable characters only, at
 * most 128), as the API server derives it: {@code kubectl/v1.32.4 (linux/amd64)} is {@code kubectl}.
 */
final class FieldManagers {

    static final int MAX_LENGTH = 128;

    private FieldManagers() {
    }

    static Manager of(Request request, ResourcePath path) {
        String name = request.query("fieldManager");
        if (name == null) {
            name = fromUserAgent(request.header("User-Agent"));
        }
        return new Manager(name, path.apiVersion(), path.subresource());
    }

    static String fromUserAgent(String userAgent) {
        String program = userAgent.split("/", -1)[0];
        StringBuilder b = new StringBuilder();
        program.codePoints().filter(c -> !Character.isISOControl(c) && Character.isDefined(c)).forEach(c -> {
            if (b.length() + Character.charCount(c) <= MAX_LENGTH) {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
