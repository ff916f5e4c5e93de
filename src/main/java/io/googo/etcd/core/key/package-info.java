/**
 * Key names: checks for the parts users type (lock, service and instance names), range ends for prefixes,
 * and the key layouts shared with etcd's own tools.
 */
package io.googo.etcd.core.key;
