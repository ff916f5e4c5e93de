package io.googo.etcd.core.client;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * gRPC's channel builder looks for the optional grpc-census module by reflection, once when the
 * class loads and again for every channel, and logs each miss at FINE with the whole
 * {@code ClassNotFoundException io.grpc.census...}. This project does not ship census on purpose,
 * so with gRPC's logging on (the {@code --debug} of the CLI, {@link
 * io.googo.etcd.core.config.EtcdConfig#grpcDebugLog()}) those records are noise; this drops them,
 * and only them, on the logger that writes them.
 */
public final class GrpcLogs {
    private static final String CENSUS_PACKAGE = "io.grpc.census.";
    // held: a logger only referenced by the LogManager may be collected, and its filter with it
    private static final Logger CHANNEL_BUILDER = Logger.getLogger("io.grpc.internal.ManagedChannelImplBuilder");

    private GrpcLogs() {}

    /** Drops gRPC's "census is not on the class path" records; idempotent, keeps any other filter. */
    public static synchronized void dropAbsentCensus() {
        Filter current = CHANNEL_BUILDER.getFilter();
        if (current instanceof AbsentCensus) {
            return;
        }
        CHANNEL_BUILDER.setFilter(new AbsentCensus(current));
    }

    /** True for a record of census not being found. */
    static boolean isAbsentCensus(LogRecord r) {
        return r.getThrown() instanceof ClassNotFoundException e
                && e.getMessage() != null
                && e.getMessage().startsWith(CENSUS_PACKAGE);
    }

    private record AbsentCensus(Filter next) implements Filter {
        @Override
        public boolean isLoggable(LogRecord r) {
            return !isAbsentCensus(r) && (next == null || next.isLoggable(r));
        }
    }
}
