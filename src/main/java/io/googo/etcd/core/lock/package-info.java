/**
 * Distributed locks and leader elections with etcd's own key layout (compatible with {@code etcdctl lock}
 * and {@code elect}); the try-lock on a caller's lease is {@link io.googo.etcd.core.client.EtcdClient#tryLock}.
 */
package io.googo.etcd.core.lock;
