package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.fakecluster.internal.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Kubernetes protobuf message into the JSON the Go types would have written, walking the
 * generated messages' descriptors. The two encodings differ in a few known ways, handled here:
 *
 * <ul>
 *   <li>Wrapper messages that JSON writes as scalars: {@code meta.v1.Time} and {@code MicroTime}
 *       (RFC 3339 strings; an empty message is the zero time, JSON {@code null}),
 *       {@code intstr.IntOrString} (a number or a string), {@code resource.Quantity} (a string),
 *       {@code runtime.RawExtension} and {@code meta.v1.FieldsV1} (embedded JSON), and the Go named
 *       slices such as {@code ExtraValue} (a message holding only {@code repeated string items}).
 *   <li>Embedded Go structs: JSON inlines their fields ({@code Volume.volumeSource}, ...).
 *   <li>A few proto field names that are not the JSON names ({@code aPIGroup}, {@code uID}, ...).
 *   <li>{@code bytes} fields (Secret data) are base64 strings; maps are repeated key/value entries.
 *   <li>gogo-protobuf writes every non-pointer scalar, even at its zero value, where JSON's
 *       {@code omitempty} leaves it out. Zero scalars are therefore dropped, except for the fields
 *       that Go declares as pointers (or without {@code omitempty}) and where zero means something
 *       other than "unset" ({@code replicas: 0}, {@code backoffLimit: 0}, ...). Messages that are
 *       present stay, even empty: gogo writes non-pointer structs always and JSON shows them as
 *       {@code {}}, exactly as a client's JSON body would.
 * </ul>
 *
 * <p>Field names were checked against the Kubernetes OpenAPI names of every GA message in
 * {@code client-java-proto} 24.0.0; fields the generated messages do not know are skipped, as the
 * API server's own protobuf decoding skips them.
 */
final class ProtoJson {

    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    static final String TIME = META + "Time";
    static final String MICRO_TIME_TYPE = META + "MicroTime";
    static final String FIELDS_V1 = META + "FieldsV1";
    static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
    static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    private static final Set<String> SCALAR_MESSAGES =
            Set.of(TIME, MICRO_TIME_TYPE, FIELDS_V1, RAW_EXTENSION, QUANTITY, INT_OR_STRING);

    /** Embedded (inline) Go structs: their fields belong to the enclosing JSON object. */
    private static final Set<String> INLINE = Set.of("localObjectReference", "ephemeralContainerCommon",
            "persistentVolumeSource", "volumeSource", "handler", "ingressRuleValue", "ruleWithOperations", "rule");

    /** Proto field names generated from Go names that differ from the JSON names. */
    private static final Map<String, String> RENAMED = Map.of("aPIGroup", "apiGroup", "uID", "uid",
            "Webhooks", "webhooks", "Expression", "expression", "Name", "name");

    /** Number and boolean fields whose zero is kept: Go pointers (or fields without omitempty) where 0/false is not "unset". */
    private static final Set<String> ZERO_KEPT = Set.of(
            "replicas", "minReplicas", "revisionHistoryLimit", "progressDeadlineSeconds",
            "parallelism", "completions", "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes",
            "activeDeadlineSeconds", "ttlSecondsAfterFinished", "startingDeadlineSeconds",
            "successfulJobsHistoryLimit", "failedJobsHistoryLimit",
            "terminationGracePeriodSeconds", "gracePeriodSeconds", "deletionGracePeriodSeconds", "tolerationSeconds",
            "runAsUser", "runAsGroup", "fsGroup", "defaultMode", "mode", "priority", "value", "exitCode",
            "automountServiceAccountToken", "enableServiceLinks", "allocateLoadBalancerNodePorts",
            "allowPrivilegeEscalation", "hostUsers", "orphanDependents",
            "maxSurge", "maxUnavailable", "minAvailable");

    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ProtoJson() {
    }

    /** The JSON object for a message: its set fields under their JSON names. */
    static ObjectNode object(Message message) {
        ObjectNode out = Json.object();
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor field = e.getKey();
            JsonNode value = field(field, e.getValue());
            if (value == null) {
                continue;
            }
            if (inline(field) && value.isObject()) {
                out.setAll((ObjectNode) value);
            } else {
                out.set(jsonName(field), value);
            }
        }
        return out;
    }

    /** Whether JSON writes the field's own fields into the enclosing object (an embedded Go struct). */
    static boolean inline(FieldDescriptor field) {
        return INLINE.contains(field.getName()) && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    }

    /** The field's name in JSON. */
    static String jsonName(FieldDescriptor field) {
        return RENAMED.getOrDefault(field.getName(), field.getName());
    }

    /**
     * Whether JSON writes the message as one value with no fields of its own: a time, quantity,
     * int-or-string, embedded JSON or named slice.
     */
    static boolean scalar(Descriptor type) {
        return SCALAR_MESSAGES.contains(type.getFullName()) || namedSlice(type);
    }

    /**
     * Whether the Go type embeds {@code TypeMeta} (apiVersion and kind are not in the protobuf
     * messages): the kinds and their lists, which carry {@code metadata}, unlike the templates
     * that carry it too ({@code PodTemplateSpec}, {@code JobTemplateSpec} and
     * {@code PersistentVolumeClaimTemplate}, the only ones in the GA groups).
     */
    static boolean hasTypeMeta(Descriptor type) {
        String name = type.getName();
        return type.findFieldByName("metadata") != null && !name.endsWith("TemplateSpec")
                && !name.equals("PersistentVolumeClaimTemplate");
    }

    /** A field's JSON value, or null when JSON would leave the field out. */
    private static JsonNode field(FieldDescriptor field, Object value) {
        if (field.isMapField()) {
            ObjectNode map = Json.object();
            for (Object entry : (List<?>) value) {
                Message m = (Message) entry;
                Descriptor type = m.getDescriptorForType();
                FieldDescriptor valueField = type.findFieldByName("value");
                map.set(m.getField(type.findFieldByName("key")).toString(), value(valueField, m.getField(valueField)));
            }
            return map.isEmpty() ? null : map;
        }
        if (field.isRepeated()) {
            ArrayNode array = Json.array();
            for (Object element : (List<?>) value) {
                array.add(value(field, element));
            }
            return array.isEmpty() ? null : array;
        }
        JsonNode v = value(field, value);
        boolean zeroKept = (v.isNumber() || v.isBoolean()) && ZERO_KEPT.contains(field.getName());
        return isZero(v) && !zeroKept ? null : v;
    }

    private static boolean isZero(JsonNode v) {
        return v.isNull() || v.isTextual() && v.textValue().isEmpty() || v.isNumber() && v.doubleValue() == 0
                || v.isBoolean() && !v.booleanValue();
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case STRING -> TextNode.valueOf((String) value);
            case INT -> IntNode.valueOf((Integer) value);
            case LONG -> number((Long) value);
            case BOOLEAN -> BooleanNode.valueOf((Boolean) value);
            case BYTE_STRING -> TextNode.valueOf(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case FLOAT -> FloatNode.valueOf((Float) value);
            case DOUBLE -> DoubleNode.valueOf((Double) value);
            case ENUM -> TextNode.valueOf(((EnumValueDescriptor) value).getName());
            case MESSAGE -> message((Message) value);
        };
    }

    /** An int64 as Jackson reads it from JSON text: an int node when it fits, so both paths give equal trees. */
    private static JsonNode number(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    private static JsonNode message(Message m) {
        Descriptor type = m.getDescriptorForType();
        return switch (type.getFullName()) {
            case TIME -> time(m, false);
            case MICRO_TIME_TYPE -> time(m, true);
            case FIELDS_V1 -> embeddedJson((ByteString) m.getField(type.findFieldByName("Raw")));
            case RAW_EXTENSION -> embeddedJson((ByteString) m.getField(type.findFieldByName("raw")));
            case QUANTITY -> TextNode.valueOf((String) m.getField(type.findFieldByName("string")));
            case INT_OR_STRING -> intOrString(m);
            default -> namedSlice(type) ? field(type.getFields().get(0), m.getField(type.getFields().get(0))) : object(m);
        };
    }

    /** Go's zero time has no fields on the wire and is {@code null} in JSON; Time has whole seconds, MicroTime microseconds. */
    private static JsonNode time(Message m, boolean micro) {
        Descriptor type = m.getDescriptorForType();
        FieldDescriptor seconds = type.findFieldByName("seconds");
        FieldDescriptor nanos = type.findFieldByName("nanos");
        if (!m.hasField(seconds) && !m.hasField(nanos)) {
            return NullNode.getInstance();
        }
        Instant t = Instant.ofEpochSecond((Long) m.getField(seconds), (Integer) m.getField(nanos));
        return TextNode.valueOf(micro ? MICRO_TIME.format(t) : Json.time(t));
    }

    private static JsonNode intOrString(Message m) {
        Descriptor type = m.getDescriptorForType();
        boolean isString = (Long) m.getField(type.findFieldByName("type")) == 1;
        return isString ? TextNode.valueOf((String) m.getField(type.findFieldByName("strVal")))
                : IntNode.valueOf((Integer) m.getField(type.findFieldByName("intVal")));
    }

    private static JsonNode embeddedJson(ByteString raw) {
        return raw.isEmpty() ? NullNode.getInstance() : Bodies.json(raw.toStringUtf8());
    }

    /** A Go named slice ({@code type ExtraValue []string}): a message whose only field is {@code repeated string items}. */
    static boolean namedSlice(Descriptor type) {
        List<FieldDescriptor> fields = type.getFields();
        return fields.size() == 1 && fields.get(0).getName().equals("items") && fields.get(0).isRepeated()
                && fields.get(0).getJavaType() == FieldDescriptor.JavaType.STRING;
    }
}
