package io.googo.etcd.core.client;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link io.googo.etcd.core.config.EtcdConfig#grpcDebugLog()}: gRPC's own logging (java.util.logging,
 * logger {@code io.grpc}) at FINE on stderr, whatever the root logger's level, while a client created
 * with it is open. gRPC's loggers are per process, not per channel, so it covers every client then.
 */
final class GrpcDebugLog {
    private static final Logger GRPC = Logger.getLogger("io.grpc");
    private static int users;
    private static Handler handler;
    private static Level level;
    private static boolean parents;

    private GrpcDebugLog() {}

    static synchronized void acquire() {
        if (users++ > 0) {
            return;
        }
        GrpcLogs.dropAbsentCensus();
        level = GRPC.getLevel();
        parents = GRPC.getUseParentHandlers();
        handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        GRPC.addHandler(handler);
        GRPC.setUseParentHandlers(false);
        GRPC.setLevel(Level.FINE);
    }

    static synchronized void release() {
        if (users == 0 || --users > 0) {
            return;
        }
        GRPC.removeHandler(handler);
        handler = null;
        GRPC.setUseParentHandlers(parents);
        GRPC.setLevel(level);
    }
}
