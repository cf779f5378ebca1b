package dev.fakecluster.internal.describe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantityTest {

    @Test
    void quantitiesPrintInCanonicalForm() {
        assertThat(Quantity.parse("0.5")).hasToString("500m");
        assertThat(Quantity.parse("1024Mi")).hasToString("1Gi");
        assertThat(Quantity.parse("8152656Ki")).hasToString("8152656Ki");
        assertThat(Quantity.parse("1000")).hasToString("1k");
        assertThat(Quantity.parse("56453061334")).hasToString("56453061334");
        assertThat(Quantity.parse("512Ki").plus(Quantity.parse("512Ki"))).hasToString("1Mi");
        assertThat(Quantity.parse("100m").plus(Quantity.parse("1"))).hasToString("1100m");
        assertThat(Quantity.ZERO).hasToString("0");
    }

    @Test
    void milliAndWholeValuesRoundUp() {
        assertThat(Quantity.parse("250m").milli()).isEqualTo(250);
        assertThat(Quantity.parse("1.5").whole()).isEqualTo(2);
        assertThat(Quantity.parse("64Mi").whole()).isEqualTo(67_108_864);
    }
}
