package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest of the tutorial applies unchanged (except the flannel excerpt, incomplete on purpose). */
class SeedManifestsTest {

    static Path manifests() throws URISyntaxException {
        return Path.of(SeedManifestsTest.class.getResource("/seed/manifests").toURI());
    }

    static Stream<Path> applicable() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.walk(manifests())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("kube-flannel.excerpt.yml"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("applicable")
    void seedManifestAppliesAndReadsBack(Path file) {
        try (Cluster cluster = Cluster.builder().build()) {
            List<Resource> applied = cluster.apply(file);

            assertThat(applied).isNotEmpty();
            for (Resource r : applied) {
                Resource stored = cluster.get(r.kind(), r.namespace(), r.name()).orElseThrow();
                assertThat(stored.uid()).isNotEmpty();
                assertThat(stored.resourceVersion()).matches("\\d+");
                assertThat(stored.creationTimestamp()).isEqualTo(cluster.now());
                assertThat(stored.apiVersion()).doesNotContain("beta").doesNotContain("alpha");
            }
        }
    }

    @Test
    void flannelExcerptIsRejectedForItsUndeclaredVolumes() throws URISyntaxException {
        try (Cluster cluster = Cluster.builder().build()) {
            Path file = manifests().resolve("kube-flannel.excerpt.yml");

            assertThatThrownBy(() -> cluster.apply(file))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("DaemonSet.apps \"kube-flannel-ds-amd64\" is invalid: ["
                            + "spec.template.spec.initContainers[0].volumeMounts[0].name: Not found: \"cni\", "
                            + "spec.template.spec.initContainers[0].volumeMounts[1].name: Not found: \"flannel-cfg\"]");
            assertThat(cluster.list("daemonsets", null, null)).isEmpty();
        }
    }
}
