/**
 * One connection to an etcd cluster ({@link io.googo.etcd.core.client.EtcdClient}: every call bounded by
 * the request timeout) and a registry of named clients with a default ({@link io.googo.etcd.core.client.Clients}).
 */
package io.googo.etcd.core.client;
