/**
 * Service registration (a key kept alive with a lease, re-registered by itself) and discovery,
 * in the key layout and JSON value of the Go library's registry.
 */
package io.googo.etcd.core.registry;
