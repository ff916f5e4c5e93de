/**
 * goo-etcd's library: etcd clients for Java over jetcd, the form of the Go library goo-etcd comes from.
 *
 * <p>{@link io.googo.etcd.core.Etcd} holds the process-wide registry of named clients and one-line calls on
 * the default client; {@link io.googo.etcd.core.EtcdException} (with its {@link io.googo.etcd.core.ErrorKind})
 * is the one exception every public method throws. The subpackages hold the client, its configuration,
 * and what is built on it (leases, locks, watches, service registration, transactions, bulk load).
 */
package io.googo.etcd.core;
