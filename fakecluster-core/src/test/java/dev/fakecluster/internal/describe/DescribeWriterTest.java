package dev.fakecluster.internal.describe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DescribeWriterTest {

    @Test
    void consecutiveLinesWithACellInAColumnAlignItTwoSpacesPastTheWidest() {
        DescribeWriter w = new DescribeWriter();

        w.line(0, "Name", "web").line(0, "Namespace", "default").write(0, "Pod Template:\n").line(1, "Labels", "app=web");

        assertThat(w.text()).isEqualTo("""
                Name:       web
                Namespace:  default
                Pod Template:
                  Labels:  app=web
                """);
    }

    @Test
    void nestedColumnsAlignWithinTheirOwnBlockAndFlushStartsAFreshOne() {
        DescribeWriter w = new DescribeWriter();

        w.write(0, "Conditions:\n  Type\tStatus\tReason\n").write(1, "----\t------\t------\n")
                .write(1, "Available \tTrue\tMinimumReplicasAvailable\n").line(0, "NewReplicaSet", "web-1 (3/3 replicas created)");
        w.flush();
        w.line(0, "Events", "<none>");

        assertThat(w.text()).isEqualTo("""
                Conditions:
                  Type          Status  Reason
                  ----          ------  ------
                  Available     True    MinimumReplicasAvailable
                NewReplicaSet:  web-1 (3/3 replicas created)
                Events:  <none>
                """);
    }
}
