/**
 * Transactions: compares and operations, their text and JSON forms, and running them.
 */
package io.googo.etcd.core.txn;
