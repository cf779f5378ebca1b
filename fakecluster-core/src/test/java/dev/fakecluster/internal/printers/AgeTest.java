package dev.fakecluster.internal.printers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgeTest {

    @Test
    void agesReadLikeKubectls() {
        assertThat(Age.human(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
        assertThat(Age.human(Duration.ZERO)).isEqualTo("0s");
        assertThat(Age.human(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(Age.human(Duration.ofSeconds(153))).isEqualTo("2m33s");
        assertThat(Age.human(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Age.human(Duration.ofMinutes(42))).isEqualTo("42m");
        assertThat(Age.human(Duration.ofMinutes(200))).isEqualTo("3h20m");
        assertThat(Age.human(Duration.ofHours(18))).isEqualTo("18h");
        assertThat(Age.human(Duration.ofHours(50))).isEqualTo("2d2h");
        assertThat(Age.human(Duration.ofDays(42))).isEqualTo("42d");
        assertThat(Age.human(Duration.ofDays(800))).isEqualTo("2y70d");
    }

    @Test
    void secondsAreTruncatedNotRoundedAsAnAgeOfAnObjectStampedToTheSecondIs() {
        assertThat(Age.human(Duration.ofMillis(5_729))).isEqualTo("5s");
        assertThat(Age.human(Duration.ofMillis(-1_500))).as("within the tolerated skew").isEqualTo("0s");
        assertThat(Age.human(Duration.ofMillis(119_999))).isEqualTo("119s");
    }
}
