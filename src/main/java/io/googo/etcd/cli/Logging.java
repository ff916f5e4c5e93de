package io.googo.etcd.cli;

import io.googo.etcd.core.client.GrpcLogs;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Keeps stderr for our own messages: the libraries' logs (gRPC and Vert.x log through
 * java.util.logging, jetcd and Netty through SLF4J) are off unless {@code --debug}; with it,
 * Netty's loggers (gRPC's HTTP/2 frame log among them) leave credentials and tokens out
 * ({@link RedactingLoggerFactory}).
 */
final class Logging {
    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    // held so that the JUL loggers keep their levels
    private static final Logger[] HELD = new Logger[3];

    private Logging() {}

    static void configure(boolean debug) {
        if (System.getProperty(SLF4J_LEVEL) == null) {
            System.setProperty(SLF4J_LEVEL, debug ? "debug" : "off");
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        }
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(debug ? Level.INFO : Level.OFF);
        if (debug) {
            GrpcLogs.dropAbsentCensus();
            RedactingLoggerFactory.install();
            String[] names = {"io.grpc", "io.netty", "io.vertx"};
            for (int i = 0; i < names.length; i++) {
                HELD[i] = Logger.getLogger(names[i]);
                HELD[i].setLevel(Level.FINE);
            }
            for (var h : root.getHandlers()) {
                if (h instanceof ConsoleHandler) {
                    h.setLevel(Level.FINE);
                }
            }
        }
    }
}
