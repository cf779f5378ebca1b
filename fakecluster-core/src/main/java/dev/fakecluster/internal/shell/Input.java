package dev.fakecluster.internal.shell;

/** A command's standard input: text consumed from the front, shared by the commands that read it in turn. */
final class Input {

    /** No input (a container's stdin without {@code stdin: true}). */
    static Input empty() {
        return new Input("");
    }

    private final String text;
    private int pos;

    Input(String text) {
        this.text = text;
    }

    /** The next line without its newline, or null at the end. */
    String readLine() {
        if (pos >= text.length()) {
            return null;
        }
        int nl = text.indexOf('\n', pos);
        int end = nl < 0 ? text.length() : nl;
        String line = text.substring(pos, end);
        pos = nl < 0 ? text.length() : nl + 1;
        return line;
    }

    /** Everything not read yet. */
    String readAll() {
        String rest = text.substring(pos);
        pos = text.length();
        return rest;
    }
}
