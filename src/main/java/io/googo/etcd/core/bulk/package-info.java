/**
 * Bulk export and import of key-values as NDJSON (dump and load).
 */
package io.googo.etcd.core.bulk;
