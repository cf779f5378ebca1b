package dev.fakecluster.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileSystemTest {

    private final FileSystem fs = new FileSystem();

    @Test
    void startsWithAnImageSkeletonAndDevNull() {
        assertThat(fs.list("/")).containsExactly("bin", "dev", "etc", "home", "root", "sbin", "tmp", "usr", "var");
        assertThat(fs.isDirectory("/tmp")).isTrue();
        assertThat(fs.exists("/dev/null")).isTrue();
        assertThat(fs.isFile("/dev/null")).isFalse();
        assertThat(fs.read("/dev/null")).isEmpty();
    }

    @Test
    void writeCreatesParentsAppendsAndDiscardsIntoDevNull() {
        fs.write("/etc/config/app.conf", "a=1\n", false);
        fs.write("etc/config/../config/app.conf", "b=2\n", true);
        fs.write("/dev/null", "gone", false);

        assertThat(fs.read("/etc/config/app.conf")).isEqualTo("a=1\nb=2\n");
        assertThat(fs.isDirectory("/etc/config")).isTrue();
        assertThat(fs.read("/dev/null")).isEmpty();
        assertThat(fs.read("/etc/config")).isNull();
        assertThat(fs.read("/missing")).isNull();
    }

    @Test
    void removeTakesSubtreesButLeavesTheRoot() {
        fs.mkdirs("/data/a/b");
        fs.write("/data/a/b/f", "x", false);
        fs.write("/database", "not under /data", false);

        assertThat(fs.remove("/data")).isTrue();
        assertThat(fs.exists("/data/a/b/f")).isFalse();
        assertThat(fs.read("/database")).isEqualTo("not under /data");
        assertThat(fs.remove("/data")).isFalse();

        assertThat(fs.remove("/")).isTrue();
        assertThat(fs.isDirectory("/")).isTrue();
        assertThat(fs.list("/")).isEmpty();
    }
}
