package io.googo.etcd.core.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.kubernetes.client.proto.Runtime;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The protobuf path: the {@code runtime.Unknown} envelope, the message type for its
 * apiVersion/kind, and the message as Kubernetes' JSON. Field names are the model's JSON names
 * (its proto field names are the Go json tags); the types whose JSON differs from their
 * protobuf are fixed up: Time and MicroTime as RFC 3339, Duration as Go prints it, Quantity as
 * its string, IntOrString as int or string, RawExtension and FieldsV1 as the embedded JSON,
 * bytes as base64, int64 as JSON numbers. Scalars equal to zero are left out, as the Go json
 * tags' omitempty does (the protobuf encoder writes them anyway), except the few fields
 * {@link #KEEP_ZERO} that Kubernetes prints at zero.
 */
final class ProtoObjects {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Scalars whose Go field has no omitempty (or is a pointer that Kubernetes sets): shown at zero. */
    static final Set<String> KEEP_ZERO = Set.of(
            "k8s.io.api.core.v1.ContainerStatus.restartCount",
            "k8s.io.api.core.v1.ContainerStatus.ready",
            "k8s.io.api.core.v1.ContainerStatus.started",
            "k8s.io.api.core.v1.ContainerStatus.name",
            "k8s.io.api.core.v1.ContainerStatus.image",
            "k8s.io.api.core.v1.ContainerStatus.imageID",
            "k8s.io.api.core.v1.PodSpec.priority",
            "k8s.io.api.core.v1.Event.reportingComponent",
            "k8s.io.api.core.v1.Event.reportingInstance",
            "k8s.io.api.apps.v1.DeploymentSpec.replicas",
            "k8s.io.api.apps.v1.StatefulSetSpec.replicas",
            "k8s.io.api.apps.v1.ReplicaSetSpec.replicas");

    /** JSONSchemaProps fields whose Go json tag is not a valid proto field name. */
    private static final Map<String, String> RENAMED = Map.of(
            "ref", "$ref",
            "schema", "$schema",
            "xKubernetesPreserveUnknownFields", "x-kubernetes-preserve-unknown-fields",
            "xKubernetesEmbeddedResource", "x-kubernetes-embedded-resource",
            "xKubernetesIntOrString", "x-kubernetes-int-or-string",
            "xKubernetesListMapKeys", "x-kubernetes-list-map-keys",
            "xKubernetesListType", "x-kubernetes-list-type",
            "xKubernetesMapType", "x-kubernetes-map-type");

    private ProtoObjects() {}

    static Decoded decode(byte[] value, int offset) {
        Runtime.Unknown u;
        try {
            u = Runtime.Unknown.parseFrom(ByteString.copyFrom(value, offset, value.length - offset));
        } catch (InvalidProtocolBufferException e) {
            return null; // the magic by chance, not an envelope: shown unchanged
        }
        String apiVersion = u.getTypeMeta().getApiVersion();
        String kind = u.getTypeMeta().getKind();
        ObjectNode o = F.objectNode();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        String what = (apiVersion.isEmpty() ? "" : apiVersion + " ") + kind;
        if (!u.getContentEncoding().isEmpty()) {
            return new Decoded(
                    Decoded.Encoding.PROTOBUF,
                    o,
                    "content encoding '" + u.getContentEncoding() + "' of " + what
                            + " is not supported; the object is not shown");
        }
        String type = u.getContentType();
        if (type.startsWith("application/json")) {
            ObjectNode j = KubernetesValues.jsonObject(u.getRaw().toByteArray());
            return j == null
                    ? new Decoded(Decoded.Encoding.PROTOBUF, o, what + ": its JSON is not a JSON object")
                    : new Decoded(Decoded.Encoding.PROTOBUF, j, null);
        }
        if (!type.isEmpty() && !type.equals("application/vnd.kubernetes.protobuf")) {
            return new Decoded(Decoded.Encoding.PROTOBUF, o, what + ": content type '" + type + "' is not supported");
        }
        Descriptor d = ProtoModel.type(apiVersion, kind);
        try {
            if (d != null) {
                object(DynamicMessage.parseFrom(d, u.getRaw()), o);
                return new Decoded(Decoded.Encoding.PROTOBUF, o, null);
            }
            return partly(u.getRaw(), o, what);
        } catch (IOException e) {
            return new Decoded(Decoded.Encoding.PROTOBUF, o, what + " could not be parsed: " + e.getMessage());
        }
    }

    /** A kind the model lacks: its metadata (field 1 of every top-level kind) and what was left out. */
    private static Decoded partly(ByteString raw, ObjectNode o, String what) throws IOException {
        UnknownFieldSet fields = UnknownFieldSet.parseFrom(raw);
        List<Integer> left = new ArrayList<>();
        for (Map.Entry<Integer, UnknownFieldSet.Field> e : fields.asMap().entrySet()) {
            List<ByteString> ld = e.getValue().getLengthDelimitedList();
            if (e.getKey() == 1 && ld.size() == 1) {
                o.set("metadata", object(DynamicMessage.parseFrom(ProtoModel.objectMeta(), ld.get(0)), F.objectNode()));
            } else {
                left.add(e.getKey());
            }
        }
        return new Decoded(
                Decoded.Encoding.PROTOBUF,
                o,
                what + " is not in the protobuf model (" + ProtoModel.MODEL
                        + "): only apiVersion, kind and metadata are shown"
                        + (left.isEmpty() ? "" : "; fields " + left + " (spec, status, ...) are not decoded"));
    }

    static ObjectNode object(Message m, ObjectNode o) {
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            String name = RENAMED.getOrDefault(f.getJsonName(), f.getJsonName());
            if (f.isMapField()) {
                int n = m.getRepeatedFieldCount(f);
                if (n == 0) {
                    continue;
                }
                FieldDescriptor kf = f.getMessageType().findFieldByNumber(1);
                FieldDescriptor vf = f.getMessageType().findFieldByNumber(2);
                TreeMap<String, JsonNode> sorted = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    Message entry = (Message) m.getRepeatedField(f, i);
                    sorted.put(String.valueOf(entry.getField(kf)), value(vf, entry.getField(vf)));
                }
                ObjectNode map = o.putObject(name);
                sorted.forEach(map::set);
            } else if (f.isRepeated()) {
                int n = m.getRepeatedFieldCount(f);
                if (n == 0) {
                    continue;
                }
                ArrayNode a = o.putArray(name);
                for (int i = 0; i < n; i++) {
                    a.add(value(f, m.getRepeatedField(f, i)));
                }
            } else if (m.hasField(f)) {
                Object v = m.getField(f);
                if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                        && isZero(v)
                        && !KEEP_ZERO.contains(f.getContainingType().getFullName() + "." + f.getName())) {
                    continue;
                }
                o.set(name, value(f, v));
            }
        }
        return o;
    }

    /** As JSON parsing makes it: an int node when it fits, so decoded trees compare equal to parsed ones. */
    private static JsonNode number(long v) {
        return v == (int) v ? F.numberNode((int) v) : F.numberNode(v);
    }

    private static boolean isZero(Object v) {
        return v instanceof String s && s.isEmpty()
                || v instanceof Number n && n.doubleValue() == 0
                || v instanceof Boolean b && !b
                || v instanceof ByteString bs && bs.isEmpty();
    }

    private static JsonNode value(FieldDescriptor f, Object v) {
        return switch (f.getJavaType()) {
            case STRING -> F.textNode((String) v);
            case INT -> F.numberNode((Integer) v);
            case LONG -> number((Long) v);
            case BOOLEAN -> F.booleanNode((Boolean) v);
            case DOUBLE -> F.numberNode((Double) v);
            case FLOAT -> F.numberNode((Float) v);
            case BYTE_STRING -> F.textNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
            case ENUM -> F.textNode(((com.google.protobuf.Descriptors.EnumValueDescriptor) v).getName());
            case MESSAGE -> message((Message) v);
        };
    }

    /** A message, or the JSON that its Go type marshals to when that differs. */
    private static JsonNode message(Message m) {
        Descriptor d = m.getDescriptorForType();
        switch (d.getFullName()) {
            case META + "Time": {
                long s = (Long) m.getField(d.findFieldByName("seconds"));
                int n = (Integer) m.getField(d.findFieldByName("nanos"));
                return s == 0 && n == 0 ? F.nullNode() : F.textNode(RFC3339.format(Instant.ofEpochSecond(s, n)));
            }
            case META + "MicroTime": {
                long s = (Long) m.getField(d.findFieldByName("seconds"));
                int n = (Integer) m.getField(d.findFieldByName("nanos"));
                return s == 0 && n == 0 ? F.nullNode() : F.textNode(RFC3339_MICRO.format(Instant.ofEpochSecond(s, n)));
            }
            case META + "Duration":
                return F.textNode(goDuration((Long) m.getField(d.findFieldByName("duration"))));
            case "k8s.io.apimachinery.pkg.api.resource.Quantity":
                return F.textNode((String) m.getField(d.findFieldByName("string")));
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString": {
                long type = ((Number) m.getField(d.findFieldByName("type"))).longValue();
                return type == 1
                        ? F.textNode((String) m.getField(d.findFieldByName("strVal")))
                        : F.numberNode((Integer) m.getField(d.findFieldByName("intVal")));
            }
            case "k8s.io.apimachinery.pkg.runtime.RawExtension":
                return embedded((ByteString) m.getField(d.findFieldByName("raw")));
            case META + "FieldsV1":
                return embedded((ByteString) m.getField(d.findFieldByName("Raw")));
            default:
                return object(m, F.objectNode());
        }
    }

    /** Embedded JSON (RawExtension, FieldsV1): the JSON itself; what is not JSON as base64. */
    private static JsonNode embedded(ByteString raw) {
        if (raw.isEmpty()) {
            return F.nullNode();
        }
        try {
            return KubernetesValues.JSON.readTree(raw.toByteArray());
        } catch (IOException e) {
            return F.textNode(Base64.getEncoder().encodeToString(raw.toByteArray()));
        }
    }

    /** Go's time.Duration.String(): "1h0m0s", "5m30s", "1.5s", "300ms", "0s". */
    static String goDuration(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        // Long.MIN_VALUE has no positive twin: work in unsigned arithmetic like Go does
        long u = neg ? -d : d;
        StringBuilder sb = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            if (u < 1_000L) {
                sb.append(u).append("ns");
            } else if (u < 1_000_000L) {
                sb.append(frac(u, 1_000L)).append("µs");
            } else {
                sb.append(frac(u, 1_000_000L)).append("ms");
            }
        } else {
            long secs = Long.divideUnsigned(u, 1_000_000_000L);
            long nanos = Long.remainderUnsigned(u, 1_000_000_000L);
            long h = secs / 3600;
            long m = secs / 60 % 60;
            long s = secs % 60;
            if (h > 0) {
                sb.append(h).append('h');
            }
            if (h > 0 || m > 0) {
                sb.append(m).append('m');
            }
            sb.append(s);
            if (nanos != 0) {
                String f = String.format("%09d", nanos).replaceAll("0+$", "");
                sb.append('.').append(f);
            }
            sb.append('s');
        }
        return (neg ? "-" : "") + sb;
    }

    private static String frac(long v, long unit) {
        long whole = v / unit;
        long rest = v % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        String f = String.format("%0" + digits + "d", rest).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
