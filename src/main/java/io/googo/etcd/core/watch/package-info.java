/**
 * Watches that deliver each change exactly once across lost connections: pull
 * ({@link io.googo.etcd.core.watch.Watcher#poll}) or push ({@link io.googo.etcd.core.watch.WatchListener}).
 */
package io.googo.etcd.core.watch;
