package dev.fakecluster.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One run of an applet: its name and arguments, environment, streams, filesystem and the virtual time. */
final class Call {

    final String name;
    final List<String> args;
    final Map<String, String> env;
    private final Interpreter sh;

    Call(Interpreter sh, String name, List<String> args, Map<String, String> env) {
        this.sh = sh;
        this.name = name;
        this.args = args;
        this.env = env;
    }

    FileSystem fs() {
        return sh.fs;
    }

    Instant now() {
        return sh.now;
    }

    String hostname() {
        return sh.hostname;
    }

    String cwd() {
        return sh.cwd;
    }

    Input in() {
        return sh.in;
    }

    /** {@code path} made absolute against the working directory. */
    String path(String path) {
        return sh.resolve(path);
    }

    void out(String text) {
        sh.out.write(text);
    }

    /** Prints {@code <applet>: message} on standard error, busybox style. */
    void error(String message) {
        sh.err.write(name + ": " + message + "\n");
    }

    /** The command sleeps for {@code duration} after it returns. */
    void sleep(Duration duration) {
        sh.sleep(duration);
    }

    /** The command never returns ({@code sleep infinity}, {@code tail -f}, a server). */
    void block() {
        sh.block();
    }
}
