/**
 * Reads what Kubernetes stores in etcd: values behind the {@code k8s\0} protobuf envelope
 * ({@code runtime.Unknown}) become the object as {@code kubectl get -o json} shows it, JSON
 * values (custom resources) are taken as they are. The schema is the Kubernetes Java client's
 * protobuf model ({@code io.kubernetes:client-java-proto}), an optional dependency: it must be
 * on the class path to decode protobuf values, and it is loaded only when one is met.
 */
package io.googo.etcd.core.k8s;
