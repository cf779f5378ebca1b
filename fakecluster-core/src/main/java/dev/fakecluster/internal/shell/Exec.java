package dev.fakecluster.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A command run to completion inside a container, as exec probes and {@code kubectl exec} do: against the
 * container's filesystem at one instant, with its own virtual clock for its sleeps. Its file changes apply at once;
 * the container's own process does not run meanwhile (advance it to {@code at} first).
 */
public final class Exec {

    /** Exit code reported when the command did not finish within its timeout. */
    public static final int TIMED_OUT = -1;

    /** The command's result: its exit code ({@link #TIMED_OUT} when it timed out) and its stdout and stderr text. */
    public record ExecResult(int exitCode, String output, boolean timedOut) {}

    private Exec() {
    }

    /**
     * Runs argv to completion against fs at {@code at}; gives output and exit code, or timedOut when sleeps exceed
     * timeout (a command ending exactly at {@code at + timeout} is in time; one that blocks or spins times out).
     */
    public static ExecResult run(List<String> argv, FileSystem fs, Map<String, String> env, Instant at, Duration timeout) {
        StringBuilder output = new StringBuilder();
        Process process = Process.startRaw(argv, fs, env, at, output::append);
        Process.State state = process.advanceTo(at.plus(timeout));
        if (state instanceof Process.Exited exited) {
            return new ExecResult(exited.exitCode(), output.toString(), false);
        }
        return new ExecResult(TIMED_OUT, output.toString(), true);
    }
}
