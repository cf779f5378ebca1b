package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakecluster.Cluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl 1.32 and server-side field validation: a manifest with a typo fails as on a real
 * cluster, {@code --validate=warn} and {@code --validate=false} go through. Skipped where no kubectl
 * is installed.
 */
class KubectlFieldValidationTest {

    static final String TYPO = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replica: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    imagePullPolicyy: Always
            """;
    static final String FIXED = TYPO.replace("replica:", "replicas:").replace("    imagePullPolicyy: Always\n", "");
    static final String UNKNOWN = "unknown field \"spec.replica\", "
            + "unknown field \"spec.template.spec.containers[0].imagePullPolicyy\"";

    static Path kubectlBinary;

    @TempDir
    Path dir;
    Cluster cluster;
    FakeApiServer server;
    Kubectl kubectl;
    Path typo;

    @BeforeAll
    static void findKubectl() {
        Optional<Path> found = Kubectl.find();
        assumeTrue(found.isPresent(), "kubectl is not installed on this machine (not on PATH): kubectl tests skipped");
        kubectlBinary = found.get();
    }

    @BeforeEach
    void start() throws IOException {
        cluster = Cluster.builder().seed(42).build();
        server = FakeApiServer.start(cluster);
        kubectl = new Kubectl(kubectlBinary, server, dir);
        typo = Files.writeString(dir.resolve("typo.yaml"), TYPO);
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    String file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void applyOfAManifestWithATypoFailsLikeOnARealCluster() {
        Kubectl.Result r = kubectl.run("apply", "-f", typo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error from server (BadRequest): error when creating \"" + typo + "\": Deployment in "
                + "version \"v1\" cannot be handled as a Deployment: strict decoding error: " + UNKNOWN + "\n");
        assertThat(cluster.get("deployments", "default", "web")).isEmpty();
    }

    @Test
    void applyOfATypoToALiveObjectIsAnInvalidPatch() throws IOException {
        kubectl.run("apply", "-f", file("fixed.yaml", FIXED));

        Kubectl.Result r = kubectl.run("apply", "-f", typo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("The request is invalid: patch: Invalid value: \"map[metadata:map[annotations:map["
                        + "kubectl.kubernetes.io/last-applied-configuration:")
                .endsWith("\": strict decoding error: " + UNKNOWN + "\n");
    }

    @Test
    void replaceAndCreateAreRejectedToo() throws IOException {
        kubectl.run("apply", "-f", file("fixed.yaml", FIXED));

        assertThat(kubectl.run("replace", "-f", typo.toString()).err()).isEqualTo("Error from server (BadRequest): error "
                + "when replacing \"" + typo + "\": Deployment in version \"v1\" cannot be handled as a Deployment: "
                + "strict decoding error: " + UNKNOWN + "\n");
        assertThat(kubectl.run("create", "-f", typo.toString()).err()).contains("error when creating")
                .contains("strict decoding error: " + UNKNOWN);
    }

    @Test
    void validateWarnPrintsAWarningPerFieldAndDropsThem() {
        Kubectl.Result r = kubectl.run("apply", "--validate=warn", "-f", typo.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("deployment.apps/web created\n");
        assertThat(r.err()).isEqualTo("Warning: unknown field \"spec.replica\"\n"
                + "Warning: unknown field \"spec.template.spec.containers[0].imagePullPolicyy\"\n");
        assertThat(Http.json(cluster.get("deployments", "default", "web").orElseThrow().json().path("spec")))
                .doesNotContain("replica\"").doesNotContain("imagePullPolicyy");
    }

    @Test
    void validateFalseSendsIgnoreAndSucceedsSilently() {
        Kubectl.Result r = kubectl.run("apply", "--validate=false", "-f", typo.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(kubectl.run("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("1");
    }

    @Test
    void serverSideApplyOfATypoFailsWithTheSchemaError() {
        Kubectl.Result r = kubectl.run("apply", "--server-side", "-f", typo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error from server (BadRequest): failed to create typed patch object (default/web; apps/v1, "
                + "Kind=Deployment): errors:\n  .spec.replica: field not declared in schema\n"
                + "  .spec.template.spec.containers[0].imagePullPolicyy: field not declared in schema\n");
    }

    @Test
    void aCustomResourceWithAFieldItsSchemaLacksIsRejected() throws IOException {
        kubectl.run("apply", "-f", file("crd.yaml", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets, singular: widget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              size: {type: integer}
                """));
        String widget = file("widget.yaml", """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                spec:
                  size: 2
                  colour: red
                """);

        Kubectl.Result strict = kubectl.run("apply", "-f", widget);
        Kubectl.Result warn = kubectl.run("apply", "--validate=warn", "-f", widget);

        assertThat(strict.err()).isEqualTo("Error from server (BadRequest): error when creating \"" + widget + "\": Widget "
                + "in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.colour\"\n");
        assertThat(warn.err()).isEqualTo("Warning: unknown field \"spec.colour\"\n");
        assertThat(kubectl.run("get", "widget", "w", "-o", "jsonpath={.spec}").out()).isEqualTo("{\"size\":2}");
    }
}
