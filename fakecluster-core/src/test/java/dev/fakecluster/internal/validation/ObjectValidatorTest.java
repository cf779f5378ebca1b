package dev.fakecluster.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindRegistry;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectValidatorTest {

    static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
            + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            + "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
            + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    static final String DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
            + "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
            + "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    static final String QUALIFIED_NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and "
            + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
            + "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    static final String LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
            + "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private static KindInfo kind(String resource) {
        return KindRegistry.builtIns().resolve(resource).orElseThrow();
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> errors(String resource, ObjectNode obj) {
        return ObjectValidator.validate(kind(resource), obj).stream().map(FieldError::toString).toList();
    }

    private static ObjectNode pod() {
        return parse("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "web", "namespace": "default"},
                 "spec": {"containers": [{"name": "app", "image": "nginx"}]}}
                """);
    }

    private static ObjectNode deployment() {
        return parse("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "web", "namespace": "default"},
                 "spec": {
                   "replicas": 1,
                   "selector": {"matchLabels": {"app": "x"}},
                   "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
                   "template": {
                     "metadata": {"labels": {"app": "x"}},
                     "spec": {"restartPolicy": "Always", "containers": [{"name": "app", "image": "nginx"}]}}}}
                """);
    }

    private static ObjectNode job() {
        return parse("""
                {"apiVersion": "batch/v1", "kind": "Job",
                 "metadata": {"name": "pi", "namespace": "default"},
                 "spec": {"template": {"spec": {"restartPolicy": "Never",
                   "containers": [{"name": "pi", "image": "perl"}]}}}}
                """);
    }

    private static ObjectNode service() {
        return parse("""
                {"apiVersion": "v1", "kind": "Service",
                 "metadata": {"name": "web", "namespace": "default"},
                 "spec": {"selector": {"app": "x"}, "ports": [{"port": 80, "protocol": "TCP"}]}}
                """);
    }

    @Test
    void wellFormedObjectsHaveNoErrors() {
        assertThat(errors("pods", pod())).isEmpty();
        assertThat(errors("deployments", deployment())).isEmpty();
        assertThat(errors("jobs", job())).isEmpty();
        assertThat(errors("services", service())).isEmpty();
    }

    @Test
    void nameThatIsNotAnRfc1123SubdomainIsInvalid() {
        ObjectNode pod = pod();
        Json.with(pod, "metadata").put("name", "My_App");

        assertThat(errors("pods", pod)).containsExactly("metadata.name: Invalid value: \"My_App\": " + SUBDOMAIN);
    }

    @Test
    void invalidNameRendersAsTheApiServersInvalidMessage() {
        ObjectNode deployment = deployment();
        Json.with(deployment, "metadata").put("name", "My_App");

        ApiException e = Errors.invalid(kind("deployments"), "My_App",
                ObjectValidator.validate(kind("deployments"), deployment));

        assertThat(e.reason()).isEqualTo("Invalid");
        assertThat(e.code()).isEqualTo(422);
        assertThat(e).hasMessage("Deployment.apps \"My_App\" is invalid: metadata.name: Invalid value: \"My_App\": "
                + SUBDOMAIN);
        assertThat(e.causes()).containsExactly(new ApiException.Cause("FieldValueInvalid",
                "Invalid value: \"My_App\": " + SUBDOMAIN, "metadata.name"));
    }

    @Test
    void nameLongerThan253CharactersIsInvalid() {
        String name = "a".repeat(254);
        ObjectNode pod = pod();
        Json.with(pod, "metadata").put("name", name);

        assertThat(errors("pods", pod)).containsExactly(
                "metadata.name: Invalid value: \"" + name + "\": must be no more than 253 characters");
    }

    @Test
    void missingNameIsRequired() {
        ObjectNode pod = pod();
        Json.with(pod, "metadata").remove("name");

        assertThat(errors("pods", pod)).containsExactly("metadata.name: Required value: name or generateName is required");
    }

    @Test
    void namespaceNamesMustBeRfc1123Labels() {
        ObjectNode ns = parse("{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"team.a\"}}");

        assertThat(errors("namespaces", ns)).containsExactly("metadata.name: Invalid value: \"team.a\": " + LABEL);
    }

    @Test
    void namespaceNameLongerThan63CharactersIsInvalid() {
        String name = "n".repeat(64);
        ObjectNode ns = parse("{\"metadata\": {\"name\": \"" + name + "\"}}");

        assertThat(errors("namespaces", ns)).containsExactly(
                "metadata.name: Invalid value: \"" + name + "\": must be no more than 63 characters");
    }

    @Test
    void namespaceOfANamespacedObjectMustBeAnRfc1123Label() {
        ObjectNode pod = pod();
        Json.with(pod, "metadata").put("namespace", "Team_A");

        assertThat(errors("pods", pod)).containsExactly("metadata.namespace: Invalid value: \"Team_A\": " + LABEL);
    }

    @Test
    void serviceNamesMustBeDns1035Labels() {
        ObjectNode svc = service();
        Json.with(svc, "metadata").put("name", "1web");

        assertThat(errors("services", svc)).containsExactly("metadata.name: Invalid value: \"1web\": " + DNS1035);
    }

    @Test
    void invalidLabelKeyIsReportedAgainstMetadataLabels() {
        ObjectNode pod = pod();
        Json.with(pod, "metadata", "labels").put("bad key", "x");

        assertThat(errors("pods", pod)).containsExactly(
                "metadata.labels: Invalid value: \"bad key\": " + QUALIFIED_NAME_PART);
    }

    @Test
    void invalidLabelKeyPrefixIsReportedAsAPrefixPartError() {
        ObjectNode pod = pod();
        Json.with(pod, "metadata", "labels").put("Example.com/app", "x");

        assertThat(errors("pods", pod)).containsExactly(
                "metadata.labels: Invalid value: \"Example.com/app\": prefix part " + SUBDOMAIN);
    }

    @Test
    void invalidLabelValueIsReportedWithTheValue() {
        ObjectNode pod = pod();
        Json.with(pod, "metadata", "labels").put("app", "-web");

        assertThat(errors("pods", pod)).containsExactly("metadata.labels: Invalid value: \"-web\": " + LABEL_VALUE);
    }

    @Test
    void labelValueLongerThan63CharactersIsInvalid() {
        String value = "v".repeat(64);
        ObjectNode pod = pod();
        Json.with(pod, "metadata", "labels").put("app", value);

        assertThat(errors("pods", pod)).containsExactly(
                "metadata.labels: Invalid value: \"" + value + "\": must be no more than 63 characters");
    }

    @Test
    void podWithoutContainersIsMissingARequiredValue() {
        ObjectNode pod = pod();
        Json.with(pod, "spec").putArray("containers");

        assertThat(errors("pods", pod)).containsExactly("spec.containers: Required value");
    }

    @Test
    void containerWithoutImageIsMissingARequiredValue() {
        ObjectNode pod = parse("""
                {"metadata": {"name": "web", "namespace": "default"},
                 "spec": {"containers": [{"name": "app"}]}}
                """);

        assertThat(errors("pods", pod)).containsExactly("spec.containers[0].image: Required value");
    }

    @Test
    void duplicateContainerNamesAreRejected() {
        ObjectNode pod = parse("""
                {"metadata": {"name": "web", "namespace": "default"},
                 "spec": {"containers": [{"name": "app", "image": "nginx"}, {"name": "app", "image": "busybox"}]}}
                """);

        assertThat(errors("pods", pod)).containsExactly("spec.containers[1].name: Duplicate value: \"app\"");
    }

    @Test
    void deploymentWithoutSelectorIsMissingARequiredValue() {
        ObjectNode deployment = deployment();
        Json.with(deployment, "spec").remove("selector");

        assertThat(errors("deployments", deployment)).contains("spec.selector: Required value");
    }

    @Test
    void deploymentWithoutSelectorAlsoFailsToMatchTheTemplateLabels() {
        ObjectNode deployment = deployment();
        Json.with(deployment, "spec").remove("selector");

        assertThat(errors("deployments", deployment)).containsExactly(
                "spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: "
                        + "`selector` does not match template `labels`");
    }

    @Test
    void deploymentWithAnEmptySelectorIsInvalid() {
        ObjectNode deployment = deployment();
        Json.with(deployment, "spec").putObject("selector");

        assertThat(errors("deployments", deployment)).containsExactly("spec.selector: Invalid value: "
                + "v1.LabelSelector{MatchLabels:map[string]string(nil), "
                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment");
    }

    @Test
    void deploymentSelectorMustMatchTheTemplateLabels() {
        ObjectNode deployment = deployment();
        Json.with(deployment, "spec", "selector", "matchLabels").put("app", "y");

        assertThat(errors("deployments", deployment)).containsExactly(
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: "
                        + "`selector` does not match template `labels`");
    }

    @Test
    void negativeReplicasAreInvalid() {
        ObjectNode deployment = deployment();
        Json.with(deployment, "spec").put("replicas", -1);

        assertThat(errors("deployments", deployment)).containsExactly(
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void maxSurgeAndMaxUnavailableMayNotBothBeZero() {
        ObjectNode deployment = deployment();
        ObjectNode rollingUpdate = Json.with(deployment, "spec", "strategy", "rollingUpdate");
        rollingUpdate.put("maxSurge", 0);
        rollingUpdate.put("maxUnavailable", 0);

        assertThat(errors("deployments", deployment)).containsExactly(
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0");
    }

    @Test
    void zeroMaxSurgeAloneIsValid() {
        ObjectNode deployment = deployment();
        Json.with(deployment, "spec", "strategy", "rollingUpdate").put("maxSurge", 0);

        assertThat(errors("deployments", deployment)).isEmpty();
    }

    @Test
    void deploymentTemplateRestartPolicyMustBeAlways() {
        ObjectNode deployment = deployment();
        Json.with(deployment, "spec", "template", "spec").put("restartPolicy", "Never");

        assertThat(errors("deployments", deployment)).containsExactly(
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void jobTemplateRestartPolicyAlwaysIsNotSupported() {
        ObjectNode job = job();
        Json.with(job, "spec", "template", "spec").put("restartPolicy", "Always");

        assertThat(errors("jobs", job)).containsExactly("spec.template.spec.restartPolicy: Unsupported value: "
                + "\"Always\": supported values: \"OnFailure\", \"Never\"");
    }

    @Test
    void cronJobTemplateRestartPolicyAlwaysIsNotSupported() {
        ObjectNode cronJob = parse("""
                {"metadata": {"name": "nightly", "namespace": "default"},
                 "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": {"spec": {
                   "restartPolicy": "Always", "containers": [{"name": "c", "image": "busybox"}]}}}}}}
                """);

        assertThat(errors("cronjobs", cronJob)).containsExactly("spec.jobTemplate.spec.template.spec.restartPolicy: "
                + "Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
    }

    @Test
    void serviceWithoutPortsIsMissingARequiredValue() {
        ObjectNode svc = service();
        Json.with(svc, "spec").remove("ports");

        assertThat(errors("services", svc)).containsExactly("spec.ports: Required value");
    }

    @Test
    void headlessServiceMayHaveNoPorts() {
        ObjectNode svc = service();
        Json.with(svc, "spec").remove("ports");
        Json.with(svc, "spec").put("clusterIP", "None");

        assertThat(errors("services", svc)).isEmpty();
    }

    @Test
    void multiPortServiceRequiresEveryPortToBeNamed() {
        ObjectNode svc = service();
        Json.with(svc, "spec").set("ports", parse("{\"p\": [{\"port\": 80}, {\"port\": 443}]}").get("p"));

        List<FieldError> errors = ObjectValidator.validate(kind("services"), svc);

        assertThat(errors).extracting(FieldError::toString)
                .containsExactly("spec.ports[0].name: Required value", "spec.ports[1].name: Required value");
        assertThat(Errors.invalid(kind("services"), "web", errors)).hasMessage(
                "Service \"web\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]");
    }

    @Test
    void changingAWorkloadSelectorOnUpdateIsRejectedAsImmutable() {
        ObjectNode before = deployment();
        ObjectNode after = deployment();
        Json.with(after, "spec", "selector", "matchLabels").put("app", "y");
        Json.with(after, "spec", "template", "metadata", "labels").put("app", "y");

        List<String> errors = ObjectValidator.validateUpdate(kind("deployments"), before, after).stream()
                .map(FieldError::toString).toList();

        assertThat(errors).containsExactly("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
                + "map[string]string{\"app\":\"y\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
                + "field is immutable");
    }

    @Test
    void updateKeepingTheSelectorIsAllowed() {
        ObjectNode before = deployment();
        ObjectNode after = deployment();
        Json.with(after, "spec").put("replicas", 5);

        assertThat(ObjectValidator.validateUpdate(kind("deployments"), before, after)).isEmpty();
    }

    @Test
    void changingAServicesPrimaryClusterIpIsRejectedAsSet() {
        ObjectNode before = service();
        Json.with(before, "spec").put("clusterIP", "10.96.0.10").putArray("clusterIPs").add("10.96.0.10");
        ObjectNode after = service();
        Json.with(after, "spec").put("clusterIP", "10.96.0.11").putArray("clusterIPs").add("10.96.0.11");

        assertThat(ObjectValidator.validateUpdate(kind("services"), before, after)).extracting(FieldError::toString)
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set");
    }

    @Test
    void aHeadlessServiceCannotBecomeANodePort() {
        ObjectNode svc = service();
        Json.with(svc, "spec").put("type", "NodePort").put("clusterIP", "None");

        assertThat(errors("services", svc))
                .containsExactly("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
    }

    @Test
    void nodePortsAreForbiddenOnClusterIpServicesAndUniquePerProtocol() {
        ObjectNode svc = service();
        Json.with(svc, "spec").set("ports", parse("{\"p\": [{\"name\": \"a\", \"port\": 80, \"nodePort\": 30001}]}").get("p"));

        assertThat(errors("services", svc))
                .containsExactly("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");

        Json.with(svc, "spec").put("type", "NodePort").set("ports", parse("{\"p\": [{\"name\": \"a\", \"port\": 80, "
                + "\"nodePort\": 30001}, {\"name\": \"b\", \"port\": 81, \"nodePort\": 30001}]}").get("p"));
        assertThat(errors("services", svc)).containsExactly("spec.ports[1].nodePort: Duplicate value: 30001");
    }

    @Test
    void anExternalNameServiceNeedsAValidNameAndNoClusterIp() {
        ObjectNode svc = service();
        Json.with(svc, "spec").put("type", "ExternalName").put("externalName", "Bad_Name").put("clusterIP", "10.96.0.12");

        assertThat(errors("services", svc)).containsExactly(
                "spec.clusterIPs: Forbidden: may not be set for ExternalName services",
                "spec.externalName: Invalid value: \"Bad_Name\": " + SUBDOMAIN);
    }

    @Test
    void aClusterIpMustBeAnAddress() {
        ObjectNode svc = service();
        Json.with(svc, "spec").put("clusterIP", "10.1.0.300");

        assertThat(errors("services", svc)).containsExactly("spec.clusterIPs[0]: Invalid value: \"10.1.0.300\": "
                + "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }
}
