package io.googo.etcd.core.client;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link io.googo.etcd.core.config.EtcdConfig#grpcDebugLog()}: gRPC's own logging (java.util.logging,
 * logger {@code io.grpc}) at FINE on stderr, whatever the root logger's level. gRPC's loggers are
 * per process, not per channel, so this is on for the whole process from the first client created with
 * it; it never logs request contents or the auth token.
 */
final class GrpcDebugLog {
    // held so that the logger keeps its level and handler
    private static Logger grpc;

    private GrpcDebugLog() {
    }

    static synchronized void enable() {
        if (grpc != null) {
            return;
        }
        Logger l = Logger.getLogger("io.grpc");
        Handler h = new ConsoleHandler();
        h.setLevel(Level.FINE);
        l.addHandler(h);
        l.setUseParentHandlers(false);
        l.setLevel(Level.FINE);
        grpc = l;
    }
}
