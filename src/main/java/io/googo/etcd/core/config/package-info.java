/**
 * Connection settings ({@link io.googo.etcd.core.config.EtcdConfig}, with a builder, or read from a
 * profile file with {@link io.googo.etcd.core.config.EtcdConfig#fromProfile}), and the profile file itself.
 */
package io.googo.etcd.core.config;
