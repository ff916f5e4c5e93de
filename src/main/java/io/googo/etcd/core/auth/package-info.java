/**
 * Authentication administration: enabling and disabling auth, users, roles and their key
 * permissions ({@link io.googo.etcd.core.auth.AuthAdmin}).
 */
package io.googo.etcd.core.auth;
