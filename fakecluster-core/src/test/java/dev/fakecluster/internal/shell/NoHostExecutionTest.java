package dev.fakecluster.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts change only the in-memory filesystem: nothing is created, removed or run on the host. */
class NoHostExecutionTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path hostDir;

    @Test
    void filesTouchedAndRemovedByAScriptStayInMemory() throws Exception {
        Path sentinel = Files.writeString(hostDir.resolve("keep.txt"), "host data");
        String name = "/tmp/fakecluster-shell-" + UUID.randomUUID();
        FileSystem fs = new FileSystem();
        List<String> output = new ArrayList<>();

        Process.start(List.of("sh", "-c", "touch " + name + "; echo hi > " + hostDir + "/created.txt"), fs, Map.of(), T0,
                output::add);

        assertThat(fs.exists(name)).isTrue();
        assertThat(Files.exists(Path.of(name))).isFalse();
        assertThat(output).containsExactly("sh: can't create " + hostDir + "/created.txt: nonexistent directory");

        Process rmAll = Process.start(List.of("sh", "-c", "touch /tmp/x; rm -rf " + hostDir + " /"), fs, Map.of(), T0,
                output::add);

        assertThat(rmAll.state()).isEqualTo(new Process.Exited(1, T0));
        assertThat(fs.list("/")).isEmpty();
        assertThat(fs.exists("/tmp/x")).isFalse();
        assertThat(Files.readString(sentinel)).isEqualTo("host data");
        assertThat(Files.isDirectory(Path.of("/tmp"))).isTrue();
        assertThat(Files.exists(hostDir.resolve("created.txt"))).isFalse();
    }
}
