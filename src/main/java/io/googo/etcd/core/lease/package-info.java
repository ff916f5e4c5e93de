/**
 * Leases: grants, renewals, and a keeper that renews one until closed or lost.
 */
package io.googo.etcd.core.lease;
