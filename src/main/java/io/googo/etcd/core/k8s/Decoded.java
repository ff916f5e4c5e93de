package io.googo.etcd.core.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A value read as a Kubernetes object.
 *
 * @param encoding how the value was stored
 * @param object   the object as {@code kubectl get -o json} prints it (apiVersion, kind, metadata, ...)
 * @param problem  what could not be decoded (a kind missing from the model, an encoding not
 *                 understood), or null when the whole value was decoded
 */
public record Decoded(Encoding encoding, ObjectNode object, String problem) {

    /** How Kubernetes stored the value. */
    public enum Encoding {
        /** protobuf behind the {@code k8s\0} envelope (built-in kinds) */
        PROTOBUF,
        /** a JSON object with apiVersion and kind (custom resources) */
        JSON
    }
}
