package dev.fakecluster.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantityTest {

    @Test
    void cpuQuantitiesInMillicores() {
        assertThat(Quantity.milliValue("100m")).isEqualTo(100);
        assertThat(Quantity.milliValue("0.5")).isEqualTo(500);
        assertThat(Quantity.milliValue("2")).isEqualTo(2000);
        assertThat(Quantity.milliValue("1.25")).isEqualTo(1250);
        assertThat(Quantity.milliValue(".5")).isEqualTo(500);
        assertThat(Quantity.milliValue("1e3")).isEqualTo(1_000_000);
        assertThat(Quantity.milliValue("250000u")).isEqualTo(250);
    }

    @Test
    void binaryAndDecimalSuffixesInBytes() {
        assertThat(Quantity.value("128Mi")).isEqualTo(128L * 1024 * 1024);
        assertThat(Quantity.value("8050256Ki")).isEqualTo(8050256L * 1024);
        assertThat(Quantity.value("1Gi")).isEqualTo(1L << 30);
        assertThat(Quantity.value("1Ei")).isEqualTo(1L << 60);
        assertThat(Quantity.value("1G")).isEqualTo(1_000_000_000L);
        assertThat(Quantity.value("1k")).isEqualTo(1000);
        assertThat(Quantity.value("2M")).isEqualTo(2_000_000);
        assertThat(Quantity.value("1T")).isEqualTo(1_000_000_000_000L);
        assertThat(Quantity.value("1e3")).isEqualTo(1000);
        assertThat(Quantity.value("1E3")).isEqualTo(1000);
        assertThat(Quantity.value("12e-1")).isEqualTo(2);
        assertThat(Quantity.value("56453061334")).isEqualTo(56_453_061_334L);
        assertThat(Quantity.value("110")).isEqualTo(110);
    }

    @Test
    void fractionsRoundUpLikeValueAndMilliValue() {
        assertThat(Quantity.value("100m")).isEqualTo(1);
        assertThat(Quantity.value("1.5")).isEqualTo(2);
        assertThat(Quantity.value("0")).isZero();
        assertThat(Quantity.milliValue("1n")).isEqualTo(1);
        assertThat(Quantity.value("0.5Ki")).isEqualTo(512);
    }

    @Test
    void hugeValuesSaturateInsteadOfOverflowing() {
        assertThat(Quantity.value("10E")).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantity.milliValue("1e999999")).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantity.value("1e-999999")).isEqualTo(1);
    }

    @Test
    void malformedQuantitiesAreRejectedWithTheApiServersWording() {
        for (String bad : new String[] {"", "abc", "1K", "1.2.3", "1e", "1 Gi", "--1", "Mi"}) {
            assertThatThrownBy(() -> Quantity.value(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(Quantity.FORMAT_ERROR);
        }
    }
}
