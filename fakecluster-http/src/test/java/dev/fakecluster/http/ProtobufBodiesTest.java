package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.fakecluster.ApiException;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.LabelSelector;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Networking;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The protobuf decoder on messages built with the generated classes, encoded as client-go's gogo-protobuf does. */
class ProtobufBodiesTest {

    /** The {@code k8s\0} prefix and a {@code runtime.Unknown} holding {@code object}. */
    static byte[] body(String apiVersion, String kind, Message object) {
        return body(Unknown.newBuilder().setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).build());
    }

    static byte[] body(Unknown unknown) {
        return ByteString.copyFrom("k8s\0", StandardCharsets.UTF_8).concat(unknown.toByteString()).toByteArray();
    }

    static JsonNode json(String text) {
        return Bodies.json(text);
    }

    /** gogo-protobuf writes non-pointer fields even when empty: strings, numbers, booleans, structs, the zero Time. */
    static ObjectMeta.Builder meta(String name) {
        return ObjectMeta.newBuilder().setName(name).setGenerateName("").setNamespace("").setResourceVersion("")
                .setGeneration(0).setCreationTimestamp(Meta.Time.newBuilder());
    }

    @Test
    void aDeploymentAsKubectlCreateSendsItDecodesToTheJsonKubectlWouldSend() {
        V1.Container container = V1.Container.newBuilder().setName("nginx").setImage("nginx").setWorkingDir("")
                .setResources(V1.ResourceRequirements.newBuilder()).setStdin(false).setTty(false).build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(meta("web").putLabels("app", "web"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(2)
                        .setSelector(LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(meta("").putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container).setRestartPolicy("")
                                        .setHostNetwork(false)))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder()).setMinReadySeconds(0).setPaused(false))
                .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(0).setObservedGeneration(0))
                .build();

        JsonNode decoded = ProtobufBodies.object(body("apps/v1", "Deployment", deployment));

        assertThat(decoded).isEqualTo(json("""
                {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","labels":{"app":"web"}},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                         "template":{"metadata":{"labels":{"app":"web"}},
                                     "spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},
                         "strategy":{}},
                 "status":{"replicas":0}}"""));
    }

    @Test
    void zeroIsKeptWhereGoHasAPointerAndZeroIsNotUnset() {
        V1Apps.DeploymentSpec spec = V1Apps.DeploymentSpec.newBuilder().setReplicas(0).setRevisionHistoryLimit(0)
                .setMinReadySeconds(0)
                .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                        .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                .setMaxSurge(IntOrString.newBuilder().setType(0).setIntVal(0).setStrVal(""))
                                .setMaxUnavailable(IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal("25%"))))
                .setTemplate(V1.PodTemplateSpec.newBuilder().setSpec(V1.PodSpec.newBuilder()
                        .setTerminationGracePeriodSeconds(0).setAutomountServiceAccountToken(false).setHostPID(false)))
                .build();

        JsonNode decoded = ProtobufBodies.object(body("apps/v1", "Deployment",
                V1Apps.Deployment.newBuilder().setMetadata(meta("web")).setSpec(spec).build()));

        assertThat(decoded.get("spec")).isEqualTo(json("""
                {"replicas":0,"revisionHistoryLimit":0,
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":0,"maxUnavailable":"25%"}},
                 "template":{"spec":{"terminationGracePeriodSeconds":0,"automountServiceAccountToken":false}}}"""));
    }

    @Test
    void bytesAreBase64AndEmptyMapValuesStay() {
        V1.Secret secret = V1.Secret.newBuilder().setMetadata(meta("creds")).setType("Opaque")
                .putData("password", ByteString.copyFromUtf8("s3cret")).putData("empty", ByteString.EMPTY).build();
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder().setMetadata(meta("settings"))
                .putData("mode", "fast").putData("empty", "").build();

        assertThat(ProtobufBodies.object(body("v1", "Secret", secret))).isEqualTo(json("""
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"creds"},"type":"Opaque",
                 "data":{"password":"czNjcmV0","empty":""}}"""));
        assertThat(ProtobufBodies.object(body("v1", "ConfigMap", configMap))).isEqualTo(json("""
                {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings"},"data":{"mode":"fast","empty":""}}"""));
    }

    @Test
    void embeddedStructsAreInlinedAndWrappersBecomeTheirJsonScalars() {
        V1.Container container = V1.Container.newBuilder().setName("app").setImage("app:1")
                .setResources(V1.ResourceRequirements.newBuilder().putLimits("cpu", Quantity.newBuilder().setString("500m").build()))
                .setReadinessProbe(V1.Probe.newBuilder().setHandler(V1.ProbeHandler.newBuilder()
                        .setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/")
                                .setPort(IntOrString.newBuilder().setType(1).setStrVal("http")))))
                .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValue("").setValueFrom(V1.EnvVarSource.newBuilder()
                        .setConfigMapKeyRef(V1.ConfigMapKeySelector.newBuilder().setKey("mode")
                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings")))))
                .build();
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(meta("app").setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(1_700_000_000).setNanos(0)))
                .setSpec(V1.PodSpec.newBuilder().addContainers(container)
                        .addVolumes(V1.Volume.newBuilder().setName("cfg").setVolumeSource(V1.VolumeSource.newBuilder()
                                .setConfigMap(V1.ConfigMapVolumeSource.newBuilder().setDefaultMode(420)
                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings"))))))
                .build();

        JsonNode decoded = ProtobufBodies.object(body("v1", "Pod", pod));

        assertThat(decoded).isEqualTo(json("""
                {"kind":"Pod","apiVersion":"v1",
                 "metadata":{"name":"app","deletionTimestamp":"2023-11-14T22:13:20Z"},
                 "spec":{"volumes":[{"name":"cfg","configMap":{"name":"settings","defaultMode":420}}],
                         "containers":[{"name":"app","image":"app:1",
                                        "env":[{"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"settings","key":"mode"}}}],
                                        "resources":{"limits":{"cpu":"500m"}},
                                        "readinessProbe":{"httpGet":{"path":"/","port":"http"}}}]}}"""));
    }

    @Test
    void microTimeHasMicrosecondsRawExtensionsAreJsonAndNamedSlicesAreArrays() {
        V1.Event event = V1.Event.newBuilder().setMetadata(meta("e"))
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1_700_000_000).setNanos(123_456_789)).build();
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder().setMetadata(meta("r")).setRevision(3)
                .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{\"x\":1}}"))).build();
        V1Authorization.SubjectAccessReview review = V1Authorization.SubjectAccessReview.newBuilder()
                .setSpec(V1Authorization.SubjectAccessReviewSpec.newBuilder().setUser("ann")
                        .putExtra("scopes", V1Authorization.ExtraValue.newBuilder().addItems("a").addItems("b").build()))
                .build();
        V1Networking.IngressClass ingressClass = V1Networking.IngressClass.newBuilder().setMetadata(meta("nginx"))
                .setSpec(V1Networking.IngressClassSpec.newBuilder().setController("example.com/ingress")
                        .setParameters(V1Networking.IngressClassParametersReference.newBuilder()
                                .setAPIGroup("example.com").setKind("Params").setName("p")))
                .build();

        assertThat(ProtobufBodies.object(body("v1", "Event", event)).get("eventTime").asText())
                .isEqualTo("2023-11-14T22:13:20.123456Z");
        assertThat(ProtobufBodies.object(body("apps/v1", "ControllerRevision", revision))).isEqualTo(json("""
                {"kind":"ControllerRevision","apiVersion":"apps/v1","metadata":{"name":"r"},
                 "data":{"spec":{"x":1}},"revision":3}"""));
        assertThat(ProtobufBodies.object(body("authorization.k8s.io/v1", "SubjectAccessReview", review)).get("spec"))
                .isEqualTo(json("{\"user\":\"ann\",\"extra\":{\"scopes\":[\"a\",\"b\"]}}"));
        assertThat(ProtobufBodies.object(body("networking.k8s.io/v1", "IngressClass", ingressClass)).get("spec"))
                .isEqualTo(json("""
                        {"controller":"example.com/ingress","parameters":{"apiGroup":"example.com","kind":"Params","name":"p"}}"""));
    }

    @Test
    void deleteOptionsAreFoundInEveryGroupVersion() {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0)
                .setPropagationPolicy("Foreground").setOrphanDependents(false).build();

        assertThat(ProtobufBodies.object(body("v1", "DeleteOptions", options))).isEqualTo(json("""
                {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"orphanDependents":false,
                 "propagationPolicy":"Foreground"}"""));
    }

    @Test
    void malformedBodiesAreBadRequests() {
        byte[] configMap = body("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(meta("c")).build());

        assertStatus(() -> ProtobufBodies.object("{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8)), 400,
                "error decoding the protobuf request body: it does not start with the Kubernetes protobuf prefix \"k8s\\x00\"");
        assertStatus(() -> ProtobufBodies.object(Arrays.copyOf(configMap, configMap.length - 3)), 400,
                "error decoding the protobuf request body: While parsing a protocol message, the input ended unexpectedly "
                        + "in the middle of a field.  This could mean either that the input has been truncated or that "
                        + "an embedded message misreported its own length.");
        assertStatus(() -> ProtobufBodies.object(body(Unknown.newBuilder().setRaw(ByteString.copyFromUtf8("x")).build())),
                400, "error decoding the protobuf request body: the envelope names no apiVersion and kind");
        assertStatus(() -> ProtobufBodies.object(body(Unknown.newBuilder()
                        .setTypeMeta(TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                        .setContentEncoding("gzip").build())),
                400, "error decoding the protobuf request body: unsupported content encoding \"gzip\"");
        assertStatus(() -> ProtobufBodies.object(body("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                        .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{oops"))).build())),
                400, "error decoding the request body: Unexpected character ('o' (code 111)): was expecting double-quote "
                        + "to start field name");
    }

    @Test
    void kindsWithoutGeneratedMessagesAreUnsupportedMediaTypes() {
        byte[] widget = body("example.com/v1", "Widget", V1.ConfigMap.getDefaultInstance());

        assertStatus(() -> ProtobufBodies.object(widget), 415, "the body of the request was in an unknown format - "
                + "accepted media types include: application/json, application/yaml "
                + "(got application/vnd.kubernetes.protobuf for example.com/v1 Widget)");
    }

    static void assertStatus(ThrowingCallable call, int code, String message) {
        assertThatThrownBy(call).isInstanceOf(ApiException.class).hasMessage(message)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(code));
    }
}
