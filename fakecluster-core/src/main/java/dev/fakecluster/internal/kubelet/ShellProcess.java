package dev.fakecluster.internal.kubelet;

import dev.fakecluster.internal.shell.Exec;
import dev.fakecluster.internal.shell.FileSystem;
import dev.fakecluster.internal.shell.Process;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A container of a userland image: its command runs in the simulated shell over its own filesystem. */
final class ShellProcess implements ContainerProcess {

    private final FileSystem fs = new FileSystem();
    private final Map<String, String> env;
    private final Process process;

    ShellProcess(List<String> argv, Map<String, String> env, Instant at, Consumer<String> output) {
        this.env = Map.copyOf(env);
        this.process = Process.start(argv.isEmpty() ? List.of("sh") : argv, fs, this.env, at, output);
    }

    @Override
    public Status advanceTo(Instant t) {
        Process.State state = process.advanceTo(t);
        if (state instanceof Process.Exited e) {
            return Status.exited(e.exitCode(), e.at());
        }
        return Status.running(((Process.Running) state).wakeAt());
    }

    @Override
    public boolean terminate(Instant at) {
        return process.terminate(at);
    }

    @Override
    public ExecOutcome exec(List<String> argv, Instant at, Duration timeout) {
        Exec.ExecResult r = Exec.run(argv, fs, env, at, timeout);
        return new ExecOutcome(r.exitCode(), r.output(), r.timedOut());
    }

    @Override
    public HttpOutcome http(int port, HttpCall call, String from, Instant at) {
        return null;
    }

    @Override
    public Instant runHook(List<String> argv, Instant at, Instant deadline) {
        return Shells.finish(Process.start(argv, fs, env, at, line -> { }), deadline);
    }

    @Override
    public boolean listens(int port) {
        return false;
    }
}
