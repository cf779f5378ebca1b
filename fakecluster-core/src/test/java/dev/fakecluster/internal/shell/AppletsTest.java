package dev.fakecluster.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppletsTest {

    @Test
    void busyboxHasItsShellsAndAppletsByNameAndBinPath() {
        assertThat(Applets.exists("/bin/sh")).isTrue();
        assertThat(Applets.exists("sh")).isTrue();
        assertThat(Applets.exists("ash")).isTrue();
        assertThat(Applets.exists("echo")).isTrue();
        assertThat(Applets.exists("/usr/bin/wget")).isTrue();
        assertThat(Applets.exists("/bin/../bin/sleep")).isTrue();
    }

    @Test
    void unknownProgramsAndOtherPathsDoNotExist() {
        assertThat(Applets.exists("invalide command")).isFalse();
        assertThat(Applets.exists("bash")).isFalse();
        assertThat(Applets.exists("/opt/bin/echo")).isFalse();
        assertThat(Applets.exists("./echo")).isFalse();
        assertThat(Applets.exists("")).isFalse();
        assertThat(Applets.exists("nginx")).isFalse();
    }
}
