package dev.fakecluster.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;

/** The build runs these tests on JUnit 5.14 and, with {@code -Pjunit6}, on JUnit 6: this checks it did. */
class JUnitVersionTest {

    @Test
    void runsOnTheJUnitVersionTheBuildChose() {
        String expected = System.getProperty("fakecluster.junit.version");
        assumeTrue(expected != null, "set by the Maven build");

        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(expected);
        String platform = expected.startsWith("5.") ? "1." + expected.substring(2) : expected;
        assertThat(Launcher.class.getPackage().getImplementationVersion()).isEqualTo(platform);
    }
}
