package dev.fakecluster.internal.shell;

import java.util.function.Consumer;

/** Where a command's output goes: a process's log, a file's buffer, a capture, or nowhere. */
interface Sink {

    /** Discards everything ({@code >/dev/null}). */
    Sink NULL = text -> { };

    void write(String text);

    /** Output handed to a consumer line by line; a partial last line waits for its newline or {@link #flush}. */
    final class Lines implements Sink {
        private final Consumer<String> consumer;
        private final StringBuilder partial = new StringBuilder();

        Lines(Consumer<String> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void write(String text) {
            int start = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
                partial.append(text, start, nl);
                consumer.accept(partial.toString());
                partial.setLength(0);
                start = nl + 1;
            }
            partial.append(text, start, text.length());
        }

        /** Hands over the partial last line, if any (the process ended). */
        void flush() {
            if (partial.length() > 0) {
                consumer.accept(partial.toString());
                partial.setLength(0);
            }
        }
    }
}
