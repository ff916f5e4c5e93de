/**
 * Mirroring a prefix of one cluster onto another ({@code make-mirror}): an initial copy at one
 * revision, then every change in order, retried until the destination acknowledges it
 * ({@link io.googo.etcd.core.mirror.Mirror}).
 */
package io.googo.etcd.core.mirror;
