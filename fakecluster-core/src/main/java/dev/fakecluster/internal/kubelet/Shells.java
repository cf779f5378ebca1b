package dev.fakecluster.internal.kubelet;

import dev.fakecluster.internal.shell.Exec;
import dev.fakecluster.internal.shell.FileSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Commands run inside images that are not userland images themselves: a fresh, empty userland each time. */
final class Shells {

    private Shells() {
    }

    static ContainerProcess.ExecOutcome exec(List<String> argv, Instant at, Duration timeout) {
        Exec.ExecResult r = Exec.run(argv, new FileSystem(), Map.of(), at, timeout);
        return new ContainerProcess.ExecOutcome(r.exitCode(), r.output(), r.timedOut());
    }
}
