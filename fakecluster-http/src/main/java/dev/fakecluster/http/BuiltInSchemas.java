package dev.fakecluster.http;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields of the built-in kinds, read from the generated protobuf messages that also decode
 * protobuf bodies ({@link ProtobufBodies}): the Go types' JSON names ({@link ProtoJson}'s
 * renames and inlined structs), map fields as free-form maps, and the messages JSON writes as one
 * value (times, quantities, int-or-strings, {@code RawExtension}) as {@link SchemaNode#ANY}.
 * Each kind's tree is built once, on its first write.
 */
final class BuiltInSchemas {

    private static final Map<Descriptor, SchemaNode> KINDS = new ConcurrentHashMap<>();
    /** Every message node built so far; guarded by the class lock. */
    private static final Map<Descriptor, SchemaNode> BUILT = new HashMap<>();

    private BuiltInSchemas() {
    }

    /** The fields of a kind in an API version, or null when there is no generated message for it (old versions, CRDs). */
    static SchemaNode of(String apiVersion, String kind) {
        Descriptor type = ProtobufBodies.message(apiVersion, kind);
        return type == null ? null : of(type);
    }

    /** The fields of {@code ObjectMeta}. */
    static SchemaNode objectMeta() {
        return of(ObjectMeta.getDescriptor());
    }

    private static SchemaNode of(Descriptor type) {
        SchemaNode node = KINDS.get(type);
        if (node == null) {
            synchronized (BuiltInSchemas.class) {
                node = message(type);
            }
            KINDS.put(type, node);
        }
        return node;
    }

    /** A message's node, registered before its fields are filled in, so recursive messages end. */
    private static SchemaNode message(Descriptor type) {
        SchemaNode node = BUILT.get(type);
        if (node != null) {
            return node;
        }
        node = SchemaNode.struct(goType(type));
        BUILT.put(type, node);
        for (FieldDescriptor field : type.getFields()) {
            if (ProtoJson.inline(field)) {
                node.putAll(message(field.getMessageType()));
            } else {
                node.put(ProtoJson.jsonName(field), field(field));
            }
        }
        if (ProtoJson.hasTypeMeta(type)) {
            node.put("apiVersion", SchemaNode.ANY);
            node.put("kind", SchemaNode.ANY);
        }
        return node;
    }

    private static SchemaNode field(FieldDescriptor field) {
        if (field.isMapField()) {
            return SchemaNode.map(value(field.getMessageType().findFieldByName("value")));
        }
        SchemaNode value = value(field);
        return field.isRepeated() && value != SchemaNode.ANY ? SchemaNode.list(value) : value;
    }

    private static SchemaNode value(FieldDescriptor field) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return scalar(field);
        }
        return switch (field.getMessageType().getName()) {
            case "Time", "MicroTime" -> SchemaNode.scalar(SchemaNode.Type.TIME, "string");
            case "IntOrString" -> SchemaNode.scalar(SchemaNode.Type.INT_OR_STRING, "int32");
            case "Quantity" -> SchemaNode.scalar(SchemaNode.Type.QUANTITY, "resource.Quantity");
            default -> ProtoJson.scalar(field.getMessageType()) ? SchemaNode.ANY : message(field.getMessageType());
        };
    }

    /** A scalar field's JSON type and Go type (named Go types, such as {@code v1.Protocol}, show as their underlying type). */
    private static SchemaNode scalar(FieldDescriptor field) {
        return switch (field.getType()) {
            case STRING, ENUM -> SchemaNode.scalar(SchemaNode.Type.STRING, "string");
            case BOOL -> SchemaNode.scalar(SchemaNode.Type.BOOLEAN, "bool");
            case BYTES -> SchemaNode.scalar(SchemaNode.Type.BYTES, "[]uint8");
            case DOUBLE -> SchemaNode.scalar(SchemaNode.Type.NUMBER, "float64");
            case FLOAT -> SchemaNode.scalar(SchemaNode.Type.NUMBER, "float32");
            case INT32, SINT32, SFIXED32 -> SchemaNode.scalar(SchemaNode.Type.INTEGER, "int32");
            case UINT32, FIXED32 -> SchemaNode.scalar(SchemaNode.Type.INTEGER, "uint32");
            default -> SchemaNode.scalar(SchemaNode.Type.INTEGER, "int64");
        };
    }

    /** The Go type of a message: its Go package's last element and its name ({@code v1.ObjectMeta}). */
    private static String goType(Descriptor type) {
        String pkg = type.getFile().getPackage();
        return pkg.substring(pkg.lastIndexOf('.') + 1) + "." + type.getName();
    }
}
