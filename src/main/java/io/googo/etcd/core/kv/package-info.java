/**
 * Key-value reads and writes: the options of put, get and delete (with builders) and their results.
 */
package io.googo.etcd.core.kv;
