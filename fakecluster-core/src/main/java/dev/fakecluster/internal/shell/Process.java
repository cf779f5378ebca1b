package dev.fakecluster.internal.shell;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One simulated program of a container, run as a coroutine on virtual time: it runs its statements at its start
 * instant until one sleeps, then continues each time it is {@linkplain #advanceTo advanced} past the end of a sleep.
 * Nothing ever runs on the host; the program sees only its in-memory {@link FileSystem}.
 *
 * <p>Tie-breaks, all "inclusive":
 * <ul>
 * <li>{@code advanceTo(t)} runs every statement due at or before {@code t}: a sleep ending exactly at {@code t} has
 * ended and what follows it has run. With {@code touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy} started at
 * {@code T0}, a probe at {@code T0+29.999} sees the file and a probe at exactly {@code T0+30} (after
 * {@code advanceTo(T0+30)}) does not.</li>
 * <li>Statements between two sleeps run at the same instant, in order; a probe run at that instant sees their
 * combined effect, never a state in between.</li>
 * <li>A script that exits at {@code t} is {@link Exited} at {@code t}; {@link #terminate} or {@link #kill} at that
 * same instant find it already exited with its own code.</li>
 * </ul>
 *
 * <p>Busy loops: one instant may run at most {@value Interpreter#COMMANDS_PER_INSTANT} commands (each loop round
 * counts as one). A script that needs more at one instant ({@code while true; do echo x; done}, or a loop of
 * {@code sleep 0}) is taken to spin there forever, as it would on a real CPU: it stays {@link Running} with a null
 * {@code wakeAt}, its output and files as they were when the budget ran out, until it is killed.
 *
 * <p>Pipelines run their stages one after another, each to completion, the output of one the input of the next.
 * Output lines of stdout and stderr go to the consumer in the order written; a line without its newline is held
 * until the newline comes or the process exits. A command that does not exist exits at once with status 127 and
 * the runtime's message {@code exec: "X": executable file not found in $PATH}.
 *
 * <p>Work is proportional to the commands run: a loop sleeping 1 ms costs a thousand rounds per simulated second.
 * Single-threaded and deterministic. Import it by name: {@code java.lang.Process} has the same simple name.
 */
public final class Process {

    /** Where the process is: running (until {@code wakeAt}), or exited. */
    public sealed interface State permits Running, Exited {}

    /** Running; it next does something at {@code wakeAt}, or never by itself when {@code wakeAt} is null. */
    public record Running(Instant wakeAt) implements State {}

    /** Exited with {@code exitCode} at {@code at}. */
    public record Exited(int exitCode, Instant at) implements State {}

    /** Exit status of a process killed by SIGKILL (128 + 9). */
    public static final int KILLED = 137;

    private final Interpreter sh;
    private final Sink.Lines out;
    private final Sink.Lines err;
    private State state;

    private Process(Interpreter sh, Sink.Lines out, Sink.Lines err, Instant at) {
        this.sh = sh;
        this.out = out;
        this.err = err;
        this.state = new Running(at);
    }

    /** Starts argv (a container's command+args) at {@code at}; stdout/stderr lines go to {@code output}. */
    public static Process start(List<String> argv, FileSystem fs, Map<String, String> env, Instant at,
            Consumer<String> output) {
        Sink.Lines out = new Sink.Lines(output);
        Sink.Lines err = new Sink.Lines(output);
        return new Process(new Interpreter(fs, env, at, out, err), out, err, at).launch(argv);
    }

    private Process launch(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command: an image's entrypoint is not simulated here");
        }
        sh.launch(List.copyOf(argv));
        advanceTo(((Running) state).wakeAt());
        return this;
    }

    /** Starts argv writing stdout and stderr, unsplit, to {@code sink} (for {@link Exec}). */
    static Process startRaw(List<String> argv, FileSystem fs, Map<String, String> env, Instant at, Sink sink) {
        return new Process(new Interpreter(fs, env, at, sink, sink), null, null, at).launch(argv);
    }

    /** Runs every statement due up to {@code t} (inclusive: a sleep ending exactly at t has ended) and returns the state after. */
    public State advanceTo(Instant t) {
        Objects.requireNonNull(t, "t");
        while (state instanceof Running running && running.wakeAt() != null && !running.wakeAt().isAfter(t)) {
            sh.advanceClock(running.wakeAt());
            Interpreter.Outcome outcome = sh.run();
            if (outcome instanceof Interpreter.Done done) {
                exit(done.status(), sh.now);
            } else if (outcome instanceof Interpreter.Sleeping sleeping) {
                state = new Running(sh.now.plus(sleeping.duration()));
            } else {
                state = new Running(null);
            }
        }
        return state;
    }

    /** The process's state now. */
    public State state() {
        return state;
    }

    /**
     * Delivers SIGTERM at {@code at} (after running what is due by then) and reports whether the process has exited.
     * The program is PID 1 of its container and installs no handler (traps are not simulated), and the kernel does not
     * deliver unhandled signals to PID 1, so SIGTERM never ends it: only a script ending by itself does.
     */
    public boolean terminate(Instant at) {
        return advanceTo(at) instanceof Exited;
    }

    /** Delivers SIGKILL at {@code at} (after running what is due by then): a running process exits with 137. */
    public State kill(Instant at) {
        if (advanceTo(at) instanceof Running) {
            exit(KILLED, at.isAfter(sh.now) ? at : sh.now);
        }
        return state;
    }

    private void exit(int code, Instant at) {
        if (out != null) {
            out.flush();
            err.flush();
        }
        state = new Exited(code, at);
    }
}
