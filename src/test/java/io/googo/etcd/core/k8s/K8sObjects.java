package io.googo.etcd.core.k8s;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kubernetes values as an API server stores them in etcd, made with the same protobuf model the
 * decoder reads: the object's message (without apiVersion/kind, which the envelope carries) inside
 * a {@code runtime.Unknown} after the {@code k8s\0} magic. Like the API server's encoder, string
 * fields that Go holds by value are written even when empty (proto2 presence set), so the
 * decoder's omitempty handling is exercised. The expected JSON of each is in
 * src/test/resources/k8s/NAME.json.
 */
public final class K8sObjects {
    /** name → etcd key and value; the fixture is k8s/NAME.json. */
    public record Stored(String key, byte[] value) {}

    private K8sObjects() {}

    static Time time(String rfc3339) {
        return Time.newBuilder()
                .setSeconds(Instant.parse(rfc3339).getEpochSecond())
                .setNanos(0)
                .build();
    }

    static Quantity q(String s) {
        return Quantity.newBuilder().setString(s).build();
    }

    static IntOrString intOrString(int i) {
        return IntOrString.newBuilder().setType(0).setIntVal(i).setStrVal("").build();
    }

    static IntOrString intOrString(String s) {
        return IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal(s).build();
    }

    /** The value Kubernetes stores: {@code k8s\0} + runtime.Unknown{typeMeta, raw, contentType}. */
    public static byte[] envelope(String apiVersion, String kind, byte[] raw) {
        Runtime.Unknown u = Runtime.Unknown.newBuilder()
                .setTypeMeta(
                        Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(ByteString.copyFrom(raw))
                .setContentEncoding("")
                .setContentType("")
                .build();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {'k', '8', 's', 0});
        b.writeBytes(u.toByteArray());
        return b.toByteArray();
    }

    static byte[] envelope(String apiVersion, String kind, MessageLite m) {
        return envelope(apiVersion, kind, m.toByteArray());
    }

    static ObjectMeta.Builder meta(String name, String namespace, String uid, String created) {
        return ObjectMeta.newBuilder()
                .setName(name)
                .setGenerateName("")
                .setNamespace(namespace)
                .setUid(uid)
                .setResourceVersion("")
                .setGeneration(0)
                .setCreationTimestamp(time(created));
    }

    /** Every object of the fixtures, in order. */
    public static Map<String, Stored> all() {
        Map<String, Stored> m = new LinkedHashMap<>();
        m.put("pod", new Stored("/registry/pods/default/nginx", envelope("v1", "Pod", pod())));
        m.put(
                "deployment",
                new Stored("/registry/deployments/default/web", envelope("apps/v1", "Deployment", deployment())));
        m.put("service", new Stored("/registry/services/specs/default/web", envelope("v1", "Service", service())));
        m.put(
                "configmap",
                new Stored("/registry/configmaps/kube-system/settings", envelope("v1", "ConfigMap", configMap())));
        m.put("secret", new Stored("/registry/secrets/default/creds", envelope("v1", "Secret", secret())));
        m.put("lease", new Stored("/registry/leases/kube-node-lease/node-1", lease()));
        m.put("event", new Stored("/registry/events/default/nginx.17a2b3c4d5e6f708", envelope("v1", "Event", event())));
        m.put("node", new Stored("/registry/minions/node-1", envelope("v1", "Node", node())));
        m.put(
                "custom-resource",
                new Stored(
                        "/registry/example.com/widgets/default/blue",
                        ("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"creationTimestamp\":"
                                        + "\"2024-05-01T10:00:00Z\",\"generation\":1,\"name\":\"blue\",\"namespace\":\"default\","
                                        + "\"uid\":\"6f1e3f9a-0000-4000-8000-000000000009\"},\"spec\":{\"color\":\"blue\",\"size\":3}}\n")
                                .getBytes(StandardCharsets.UTF_8)));
        m.put("unknown-kind", new Stored("/registry/gadgets.example.dev/gadgets/default/g1", unknownKind()));
        return m;
    }

    static V1.Pod pod() {
        ObjectMeta meta = meta("nginx", "default", "6f1e3f9a-0000-4000-8000-000000000001", "2024-05-01T10:00:00Z")
                .putLabels("app", "nginx")
                .addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                        .setManager("kubectl-run")
                        .setOperation("Update")
                        .setApiVersion("v1")
                        .setTime(time("2024-05-01T10:00:00Z"))
                        .setFieldsType("FieldsV1")
                        .setFieldsV1(Meta.FieldsV1.newBuilder()
                                .setRaw(ByteString.copyFromUtf8(
                                        "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}}}")))
                        .setSubresource(""))
                .build();
        V1.Container c = V1.Container.newBuilder()
                .setName("nginx")
                .setImage("nginx:1.25")
                .addPorts(V1.ContainerPort.newBuilder()
                        .setName("")
                        .setContainerPort(80)
                        .setProtocol("TCP")
                        .setHostIP(""))
                .setResources(V1.ResourceRequirements.newBuilder()
                        .putRequests("cpu", q("100m"))
                        .putRequests("memory", q("128Mi"))
                        .putLimits("memory", q("256Mi")))
                .setTerminationMessagePath("/dev/termination-log")
                .setTerminationMessagePolicy("File")
                .setImagePullPolicy("IfNotPresent")
                .setWorkingDir("")
                .setStdin(false)
                .setTty(false)
                .build();
        V1.PodSpec spec = V1.PodSpec.newBuilder()
                .addContainers(c)
                .setRestartPolicy("Always")
                .setTerminationGracePeriodSeconds(30)
                .setDnsPolicy("ClusterFirst")
                .setServiceAccountName("default")
                .setNodeName("node-1")
                .setHostNetwork(false)
                .setSchedulerName("default-scheduler")
                .setPriority(0)
                .setSecurityContext(V1.PodSecurityContext.newBuilder())
                .build();
        V1.PodStatus status = V1.PodStatus.newBuilder()
                .setPhase("Running")
                .addConditions(V1.PodCondition.newBuilder()
                        .setType("Ready")
                        .setStatus("True")
                        .setLastProbeTime(Time.newBuilder().setSeconds(0).setNanos(0))
                        .setLastTransitionTime(time("2024-05-01T10:00:05Z"))
                        .setReason("")
                        .setMessage(""))
                .setHostIP("10.0.0.11")
                .setPodIP("10.244.1.7")
                .setStartTime(time("2024-05-01T10:00:01Z"))
                .addContainerStatuses(V1.ContainerStatus.newBuilder()
                        .setName("nginx")
                        .setState(V1.ContainerState.newBuilder()
                                .setRunning(V1.ContainerStateRunning.newBuilder()
                                        .setStartedAt(time("2024-05-01T10:00:04Z"))))
                        .setLastState(V1.ContainerState.newBuilder())
                        .setReady(true)
                        .setRestartCount(0)
                        .setImage("docker.io/library/nginx:1.25")
                        .setImageID("")
                        .setContainerID("containerd://0123abcd")
                        .setStarted(true))
                .setQosClass("Burstable")
                .build();
        return V1.Pod.newBuilder()
                .setMetadata(meta)
                .setSpec(spec)
                .setStatus(status)
                .build();
    }

    static V1Apps.Deployment deployment() {
        V1.PodTemplateSpec template = V1.PodTemplateSpec.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName("")
                        .setGenerateName("")
                        .setNamespace("")
                        .setUid("")
                        .setResourceVersion("")
                        .setGeneration(0)
                        .setCreationTimestamp(Time.newBuilder().setSeconds(0).setNanos(0))
                        .putLabels("app", "web"))
                .setSpec(V1.PodSpec.newBuilder()
                        .addContainers(V1.Container.newBuilder()
                                .setName("web")
                                .setImage("example/web:2.1")
                                .setResources(V1.ResourceRequirements.newBuilder())
                                .setTerminationMessagePath("/dev/termination-log")
                                .setTerminationMessagePolicy("File")
                                .setImagePullPolicy("IfNotPresent"))
                        .setRestartPolicy("Always")
                        .setTerminationGracePeriodSeconds(30)
                        .setDnsPolicy("ClusterFirst")
                        .setSchedulerName("default-scheduler")
                        .setSecurityContext(V1.PodSecurityContext.newBuilder()))
                .build();
        return V1Apps.Deployment.newBuilder()
                .setMetadata(meta("web", "default", "6f1e3f9a-0000-4000-8000-000000000002", "2024-05-01T09:00:00Z")
                        .setGeneration(2)
                        .putAnnotations("deployment.kubernetes.io/revision", "2")
                        .putLabels("app", "web"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(3)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(template)
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder()
                                .setType("RollingUpdate")
                                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                        .setMaxUnavailable(intOrString("25%"))
                                        .setMaxSurge(intOrString(1))))
                        .setMinReadySeconds(0)
                        .setRevisionHistoryLimit(10)
                        .setPaused(false)
                        .setProgressDeadlineSeconds(600))
                .setStatus(V1Apps.DeploymentStatus.newBuilder()
                        .setObservedGeneration(2)
                        .setReplicas(3)
                        .setUpdatedReplicas(3)
                        .setReadyReplicas(3)
                        .setAvailableReplicas(3)
                        .setUnavailableReplicas(0)
                        .addConditions(V1Apps.DeploymentCondition.newBuilder()
                                .setType("Available")
                                .setStatus("True")
                                .setLastUpdateTime(time("2024-05-01T09:01:00Z"))
                                .setLastTransitionTime(time("2024-05-01T09:01:00Z"))
                                .setReason("MinimumReplicasAvailable")
                                .setMessage("Deployment has minimum availability.")))
                .build();
    }

    static V1.Service service() {
        return V1.Service.newBuilder()
                .setMetadata(meta("web", "default", "6f1e3f9a-0000-4000-8000-000000000003", "2024-05-01T09:00:00Z"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .addPorts(V1.ServicePort.newBuilder()
                                .setName("http")
                                .setProtocol("TCP")
                                .setPort(80)
                                .setTargetPort(intOrString(8080))
                                .setNodePort(0))
                        .addPorts(V1.ServicePort.newBuilder()
                                .setName("metrics")
                                .setProtocol("TCP")
                                .setPort(9090)
                                .setTargetPort(intOrString("metrics"))
                                .setNodePort(0))
                        .putSelector("app", "web")
                        .setClusterIP("10.96.12.34")
                        .addClusterIPs("10.96.12.34")
                        .setType("ClusterIP")
                        .setSessionAffinity("None")
                        .setLoadBalancerIP("")
                        .setExternalName("")
                        .setExternalTrafficPolicy("")
                        .setHealthCheckNodePort(0)
                        .setPublishNotReadyAddresses(false)
                        .addIpFamilies("IPv4")
                        .setIpFamilyPolicy("SingleStack")
                        .setInternalTrafficPolicy("Cluster"))
                .setStatus(V1.ServiceStatus.newBuilder().setLoadBalancer(V1.LoadBalancerStatus.newBuilder()))
                .build();
    }

    static V1.ConfigMap configMap() {
        return V1.ConfigMap.newBuilder()
                .setMetadata(
                        meta("settings", "kube-system", "6f1e3f9a-0000-4000-8000-000000000004", "2024-05-01T08:00:00Z"))
                .putData("log-level", "debug")
                .putData("config.yaml", "listen: :8080\nworkers: 4\n")
                .putData("empty", "")
                .build();
    }

    static V1.Secret secret() {
        return V1.Secret.newBuilder()
                .setMetadata(meta("creds", "default", "6f1e3f9a-0000-4000-8000-000000000005", "2024-05-01T08:30:00Z"))
                .putData("username", ByteString.copyFromUtf8("admin"))
                .putData("key.bin", ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff}))
                .setType("Opaque")
                .build();
    }

    static V1.Event event() {
        return V1.Event.newBuilder()
                .setMetadata(meta(
                        "nginx.17a2b3c4d5e6f708",
                        "default",
                        "6f1e3f9a-0000-4000-8000-000000000007",
                        "2024-05-01T10:00:04Z"))
                .setInvolvedObject(V1.ObjectReference.newBuilder()
                        .setKind("Pod")
                        .setNamespace("default")
                        .setName("nginx")
                        .setUid("6f1e3f9a-0000-4000-8000-000000000001")
                        .setApiVersion("v1")
                        .setResourceVersion("812")
                        .setFieldPath("spec.containers{nginx}"))
                .setReason("Started")
                .setMessage("Started container nginx")
                .setSource(V1.EventSource.newBuilder().setComponent("kubelet").setHost("node-1"))
                .setFirstTimestamp(time("2024-05-01T10:00:04Z"))
                .setLastTimestamp(time("2024-05-01T10:00:04Z"))
                .setCount(1)
                .setType("Normal")
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(0).setNanos(0))
                .setAction("")
                .setReportingComponent("kubelet")
                .setReportingInstance("node-1")
                .build();
    }

    static V1.Node node() {
        return V1.Node.newBuilder()
                .setMetadata(meta("node-1", "", "6f1e3f9a-0000-4000-8000-000000000008", "2024-04-30T12:00:00Z")
                        .putLabels("kubernetes.io/hostname", "node-1")
                        .putLabels("kubernetes.io/os", "linux"))
                .setSpec(V1.NodeSpec.newBuilder()
                        .setPodCIDR("10.244.1.0/24")
                        .addPodCIDRs("10.244.1.0/24")
                        .setProviderID("")
                        .setUnschedulable(false)
                        .addTaints(V1.Taint.newBuilder()
                                .setKey("node-role.kubernetes.io/control-plane")
                                .setValue("")
                                .setEffect("NoSchedule")))
                .setStatus(V1.NodeStatus.newBuilder()
                        .putCapacity("cpu", q("2"))
                        .putCapacity("memory", q("4025288Ki"))
                        .putCapacity("pods", q("110"))
                        .putAllocatable("cpu", q("1900m"))
                        .putAllocatable("memory", q("3820488Ki"))
                        .putAllocatable("pods", q("110"))
                        .addConditions(V1.NodeCondition.newBuilder()
                                .setType("Ready")
                                .setStatus("True")
                                .setLastHeartbeatTime(time("2024-05-01T10:05:00Z"))
                                .setLastTransitionTime(time("2024-04-30T12:01:00Z"))
                                .setReason("KubeletReady")
                                .setMessage("kubelet is posting ready status"))
                        .addAddresses(V1.NodeAddress.newBuilder()
                                .setType("InternalIP")
                                .setAddress("10.0.0.11"))
                        .addAddresses(
                                V1.NodeAddress.newBuilder().setType("Hostname").setAddress("node-1"))
                        .setDaemonEndpoints(V1.NodeDaemonEndpoints.newBuilder()
                                .setKubeletEndpoint(
                                        V1.DaemonEndpoint.newBuilder().setPort(10250)))
                        .setNodeInfo(V1.NodeSystemInfo.newBuilder()
                                .setMachineID("m1")
                                .setSystemUUID("s1")
                                .setBootID("b1")
                                .setKernelVersion("6.1.0")
                                .setOsImage("Debian GNU/Linux 12 (bookworm)")
                                .setContainerRuntimeVersion("containerd://1.7.13")
                                .setKubeletVersion("v1.30.1")
                                .setKubeProxyVersion("v1.30.1")
                                .setOperatingSystem("linux")
                                .setArchitecture("amd64")))
                .build();
    }

    /**
     * coordination.k8s.io/v1 Lease: a kind the model (client-java-proto 24.0.0) does not have, so
     * its spec is written here field by field as the API server's generated.proto numbers them
     * (holderIdentity 1, leaseDurationSeconds 2, acquireTime 3, renewTime 4, leaseTransitions 5).
     */
    static byte[] lease() {
        ObjectMeta meta = meta(
                        "node-1", "kube-node-lease", "6f1e3f9a-0000-4000-8000-000000000006", "2024-04-30T12:00:00Z")
                .addOwnerReferences(Meta.OwnerReference.newBuilder()
                        .setApiVersion("v1")
                        .setKind("Node")
                        .setName("node-1")
                        .setUid("6f1e3f9a-0000-4000-8000-000000000008"))
                .build();
        byte[] renew = Meta.MicroTime.newBuilder()
                .setSeconds(Instant.parse("2024-05-01T10:05:07Z").getEpochSecond())
                .setNanos(123456000)
                .build()
                .toByteArray();
        try {
            ByteArrayOutputStream spec = new ByteArrayOutputStream();
            CodedOutputStream s = CodedOutputStream.newInstance(spec);
            s.writeString(1, "node-1");
            s.writeInt32(2, 40);
            s.writeByteArray(4, renew);
            s.flush();
            ByteArrayOutputStream obj = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(obj);
            o.writeMessage(1, meta);
            o.writeByteArray(2, spec.toByteArray());
            o.flush();
            return envelope("coordination.k8s.io/v1", "Lease", obj.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kind of an API group no model knows: metadata readable, the rest not. */
    static byte[] unknownKind() {
        ObjectMeta meta = meta("g1", "default", "6f1e3f9a-0000-4000-8000-000000000010", "2024-05-01T11:00:00Z")
                .build();
        try {
            ByteArrayOutputStream obj = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(obj);
            o.writeMessage(1, meta);
            o.writeByteArray(2, new byte[] {0x0a, 0x03, 'x', 'y', 'z'});
            o.writeByteArray(3, new byte[] {0x08, 0x01});
            o.flush();
            return envelope("gadgets.example.dev/v3", "Gadget", obj.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
