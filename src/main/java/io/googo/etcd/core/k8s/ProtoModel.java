package io.googo.etcd.core.k8s;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admission;
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
import io.kubernetes.client.proto.V1alpha1Imagepolicy;
import io.kubernetes.client.proto.V1alpha1Rbac;
import io.kubernetes.client.proto.V1alpha1Scheduling;
import io.kubernetes.client.proto.V1beta1Admission;
import io.kubernetes.client.proto.V1beta1Admissionregistration;
import io.kubernetes.client.proto.V1beta1Apiextensions;
import io.kubernetes.client.proto.V1beta1Apps;
import io.kubernetes.client.proto.V1beta1Authentication;
import io.kubernetes.client.proto.V1beta1Authorization;
import io.kubernetes.client.proto.V1beta1Batch;
import io.kubernetes.client.proto.V1beta1Certificates;
import io.kubernetes.client.proto.V1beta1Extensions;
import io.kubernetes.client.proto.V1beta1Policy;
import io.kubernetes.client.proto.V1beta1Rbac;
import io.kubernetes.client.proto.V1beta1Storage;
import io.kubernetes.client.proto.V1beta2Apps;
import io.kubernetes.client.proto.V2beta1Autoscaling;
import io.kubernetes.client.proto.V2beta2Autoscaling;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which file of client-java-proto holds the kinds of an apiVersion. The outer classes are named
 * by method reference, not by reflection, so only the file asked for is loaded (and a native
 * image needs no reflection metadata for them).
 */
final class ProtoModel {
    /** The model's version, named in what could not be decoded. */
    static final String MODEL = "client-java-proto 24.0.0";

    static final Map<String, Supplier<FileDescriptor>> FILES = Map.ofEntries(
            Map.entry("v1", V1::getDescriptor),
            Map.entry("admission.k8s.io/v1", V1Admission::getDescriptor),
            Map.entry("admission.k8s.io/v1beta1", V1beta1Admission::getDescriptor),
            Map.entry("admissionregistration.k8s.io/v1", V1Admissionregistration::getDescriptor),
            Map.entry("admissionregistration.k8s.io/v1beta1", V1beta1Admissionregistration::getDescriptor),
            Map.entry("apiextensions.k8s.io/v1beta1", V1beta1Apiextensions::getDescriptor),
            Map.entry("apps/v1", V1Apps::getDescriptor),
            Map.entry("apps/v1beta1", V1beta1Apps::getDescriptor),
            Map.entry("apps/v1beta2", V1beta2Apps::getDescriptor),
            Map.entry("authentication.k8s.io/v1", V1Authentication::getDescriptor),
            Map.entry("authentication.k8s.io/v1beta1", V1beta1Authentication::getDescriptor),
            Map.entry("authorization.k8s.io/v1", V1Authorization::getDescriptor),
            Map.entry("authorization.k8s.io/v1beta1", V1beta1Authorization::getDescriptor),
            Map.entry("autoscaling/v1", V1Autoscaling::getDescriptor),
            Map.entry("autoscaling/v2beta1", V2beta1Autoscaling::getDescriptor),
            Map.entry("autoscaling/v2beta2", V2beta2Autoscaling::getDescriptor),
            Map.entry("batch/v1", V1Batch::getDescriptor),
            Map.entry("batch/v1beta1", V1beta1Batch::getDescriptor),
            Map.entry("certificates.k8s.io/v1", V1Certificates::getDescriptor),
            Map.entry("certificates.k8s.io/v1beta1", V1beta1Certificates::getDescriptor),
            Map.entry("extensions/v1beta1", V1beta1Extensions::getDescriptor),
            Map.entry("imagepolicy.k8s.io/v1alpha1", V1alpha1Imagepolicy::getDescriptor),
            Map.entry("networking.k8s.io/v1", V1Networking::getDescriptor),
            Map.entry("policy/v1", V1Policy::getDescriptor),
            Map.entry("policy/v1beta1", V1beta1Policy::getDescriptor),
            Map.entry("rbac.authorization.k8s.io/v1", V1Rbac::getDescriptor),
            Map.entry("rbac.authorization.k8s.io/v1alpha1", V1alpha1Rbac::getDescriptor),
            Map.entry("rbac.authorization.k8s.io/v1beta1", V1beta1Rbac::getDescriptor),
            Map.entry("scheduling.k8s.io/v1", V1Scheduling::getDescriptor),
            Map.entry("scheduling.k8s.io/v1alpha1", V1alpha1Scheduling::getDescriptor),
            Map.entry("storage.k8s.io/v1", V1Storage::getDescriptor),
            Map.entry("storage.k8s.io/v1beta1", V1beta1Storage::getDescriptor));

    private ProtoModel() {}

    /** The message type of {@code kind} in {@code apiVersion}, or null when the model lacks it. */
    static Descriptor type(String apiVersion, String kind) {
        Supplier<FileDescriptor> f = FILES.get(apiVersion);
        return f == null ? null : f.get().findMessageTypeByName(kind);
    }

    /** ObjectMeta: field 1 of every top-level kind, readable when the kind is not. */
    static Descriptor objectMeta() {
        return Meta.ObjectMeta.getDescriptor();
    }
}
