package dev.fakecluster.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.fakecluster.internal.json.Json;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/vnd.kubernetes.protobuf} request bodies (kubectl 1.32 sends them for
 * {@code create deployment|namespace|configmap|secret|service|job} and other typed writes) into
 * the JSON object a JSON client would have sent. The body is the four bytes {@code k8s\0}, then a
 * {@code runtime.Unknown} whose {@code typeMeta} names the apiVersion and kind and whose {@code raw}
 * holds the object's own message, without its apiVersion and kind.
 */
final class ProtobufBodies {

    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    /** The generated messages of each apiVersion: the GA groups that {@code client-java-proto} carries. */
    private static final Map<String, FileDescriptor> MESSAGES = Map.ofEntries(
            Map.entry("v1", V1.getDescriptor()),
            Map.entry("apps/v1", V1Apps.getDescriptor()),
            Map.entry("batch/v1", V1Batch.getDescriptor()),
            Map.entry("autoscaling/v1", V1Autoscaling.getDescriptor()),
            Map.entry("policy/v1", V1Policy.getDescriptor()),
            Map.entry("networking.k8s.io/v1", V1Networking.getDescriptor()),
            Map.entry("rbac.authorization.k8s.io/v1", V1Rbac.getDescriptor()),
            Map.entry("scheduling.k8s.io/v1", V1Scheduling.getDescriptor()),
            Map.entry("storage.k8s.io/v1", V1Storage.getDescriptor()),
            Map.entry("certificates.k8s.io/v1", V1Certificates.getDescriptor()),
            Map.entry("authentication.k8s.io/v1", V1Authentication.getDescriptor()),
            Map.entry("authorization.k8s.io/v1", V1Authorization.getDescriptor()),
            Map.entry("admissionregistration.k8s.io/v1", V1Admissionregistration.getDescriptor()));

    private ProtobufBodies() {
    }

    /** The body as a JSON object; a 400 Status when malformed, a 415 for a type without protobuf messages here. */
    static ObjectNode object(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw Statuses.badRequest("error decoding the protobuf request body: it does not start with the "
                    + "Kubernetes protobuf prefix \"k8s\\x00\"");
        }
        try {
            Unknown unknown = Unknown.parser().parseFrom(body, MAGIC.length, body.length - MAGIC.length);
            if (!unknown.getContentEncoding().isEmpty()) {
                throw Statuses.badRequest("error decoding the protobuf request body: unsupported content encoding \""
                        + unknown.getContentEncoding() + "\"");
            }
            String apiVersion = unknown.getTypeMeta().getApiVersion();
            String kind = unknown.getTypeMeta().getKind();
            if (apiVersion.isEmpty() || kind.isEmpty()) {
                throw Statuses.badRequest("error decoding the protobuf request body: the envelope names no apiVersion and kind");
            }
            ObjectNode object = Json.object();
            object.put("kind", kind);
            object.put("apiVersion", apiVersion);
            object.setAll(ProtoJson.object(DynamicMessage.parseFrom(type(apiVersion, kind), unknown.getRaw())));
            return object;
        } catch (InvalidProtocolBufferException e) {
            throw Statuses.badRequest("error decoding the protobuf request body: " + e.getMessage());
        }
    }

    /**
     * The generated message of a kind, or null when {@code client-java-proto} has none; the
     * meta.k8s.io kinds ({@code DeleteOptions}, ...) are registered in every group version.
     */
    static Descriptor message(String apiVersion, String kind) {
        FileDescriptor file = MESSAGES.get(apiVersion);
        Descriptor type = file == null ? null : file.findMessageTypeByName(kind);
        if (type == null && file != null) {
            type = Meta.getDescriptor().findMessageTypeByName(kind);
        }
        return type;
    }

    private static Descriptor type(String apiVersion, String kind) {
        Descriptor type = message(apiVersion, kind);
        if (type == null) {
            throw Statuses.unsupportedMediaType(MEDIA_TYPE + " for " + apiVersion + " " + kind,
                    List.of("application/json", "application/yaml"));
        }
        return type;
    }
}
