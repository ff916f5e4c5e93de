package io.googo.etcd.cli;

import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Netty's loggers as {@code --debug} shows them, with credentials kept out, as etcd's own logs
 * do: gRPC's HTTP/2 frame log ({@code io.grpc.netty.NettyClientHandler}) would print every DATA
 * frame's bytes in hex (the Authenticate request is the user name and password, its answer the
 * auth token) and every header (the {@code token} header on each request). Here a DATA frame
 * shows its length only, and the values of the {@code token} and {@code authorization} headers
 * are replaced. Everything else passes through to the factory underneath (SLF4J).
 */
final class RedactingLoggerFactory extends InternalLoggerFactory {
    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_HEADERS = Set.of("token", "authorization");

    private final Slf4JLoggerFactory delegate;

    private RedactingLoggerFactory(Slf4JLoggerFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * Makes every Netty logger created from now on log through SLF4J with redaction (call it
     * before gRPC's classes load); idempotent.
     */
    static void install() {
        if (!(InternalLoggerFactory.getDefaultFactory() instanceof RedactingLoggerFactory)
                && Slf4JLoggerFactory.INSTANCE instanceof Slf4JLoggerFactory slf4j) {
            InternalLoggerFactory.setDefaultFactory(new RedactingLoggerFactory(slf4j));
        }
    }

    @Override
    protected InternalLogger newInstance(String name) {
        return new Redacting(delegate.newInstance(name));
    }

    /** Redacts one log call's arguments. */
    static Object[] redact(String format, Object... args) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        boolean data = format != null && format.contains(" DATA: ");
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Http2Headers h) {
                out[i] = headers(h);
            }
        }
        if (data && out.length > 0) {
            out[out.length - 1] = "(not shown)"; // the frame's payload in hex: length only
        }
        return out;
    }

    static String headers(Http2Headers h) {
        StringBuilder sb = new StringBuilder(h.getClass().getSimpleName()).append('[');
        boolean first = true;
        for (Map.Entry<CharSequence, CharSequence> e : h) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            String name = e.getKey().toString();
            sb.append(name)
                    .append(": ")
                    .append(SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : e.getValue());
        }
        return sb.append(']').toString();
    }

    /** A logger that redacts the arguments of every call before the one underneath formats them. */
    private static final class Redacting extends AbstractInternalLogger {
        private static final long serialVersionUID = 1L;
        private final transient InternalLogger d;

        Redacting(InternalLogger d) {
            super(d.name());
            this.d = d;
        }

        private static Object r(String format, Object a) {
            return redact(format, a)[0];
        }

        @Override
        public boolean isTraceEnabled() {
            return d.isTraceEnabled();
        }

        @Override
        public void trace(String msg) {
            d.trace(msg);
        }

        @Override
        public void trace(String format, Object arg) {
            d.trace(format, r(format, arg));
        }

        @Override
        public void trace(String format, Object argA, Object argB) {
            Object[] a = redact(format, argA, argB);
            d.trace(format, a[0], a[1]);
        }

        @Override
        public void trace(String format, Object... arguments) {
            d.trace(format, redact(format, arguments));
        }

        @Override
        public void trace(String msg, Throwable t) {
            d.trace(msg, t);
        }

        @Override
        public boolean isDebugEnabled() {
            return d.isDebugEnabled();
        }

        @Override
        public void debug(String msg) {
            d.debug(msg);
        }

        @Override
        public void debug(String format, Object arg) {
            d.debug(format, r(format, arg));
        }

        @Override
        public void debug(String format, Object argA, Object argB) {
            Object[] a = redact(format, argA, argB);
            d.debug(format, a[0], a[1]);
        }

        @Override
        public void debug(String format, Object... arguments) {
            d.debug(format, redact(format, arguments));
        }

        @Override
        public void debug(String msg, Throwable t) {
            d.debug(msg, t);
        }

        @Override
        public boolean isInfoEnabled() {
            return d.isInfoEnabled();
        }

        @Override
        public void info(String msg) {
            d.info(msg);
        }

        @Override
        public void info(String format, Object arg) {
            d.info(format, r(format, arg));
        }

        @Override
        public void info(String format, Object argA, Object argB) {
            Object[] a = redact(format, argA, argB);
            d.info(format, a[0], a[1]);
        }

        @Override
        public void info(String format, Object... arguments) {
            d.info(format, redact(format, arguments));
        }

        @Override
        public void info(String msg, Throwable t) {
            d.info(msg, t);
        }

        @Override
        public boolean isWarnEnabled() {
            return d.isWarnEnabled();
        }

        @Override
        public void warn(String msg) {
            d.warn(msg);
        }

        @Override
        public void warn(String format, Object arg) {
            d.warn(format, r(format, arg));
        }

        @Override
        public void warn(String format, Object... arguments) {
            d.warn(format, redact(format, arguments));
        }

        @Override
        public void warn(String format, Object argA, Object argB) {
            Object[] a = redact(format, argA, argB);
            d.warn(format, a[0], a[1]);
        }

        @Override
        public void warn(String msg, Throwable t) {
            d.warn(msg, t);
        }

        @Override
        public boolean isErrorEnabled() {
            return d.isErrorEnabled();
        }

        @Override
        public void error(String msg) {
            d.error(msg);
        }

        @Override
        public void error(String format, Object arg) {
            d.error(format, r(format, arg));
        }

        @Override
        public void error(String format, Object argA, Object argB) {
            Object[] a = redact(format, argA, argB);
            d.error(format, a[0], a[1]);
        }

        @Override
        public void error(String format, Object... arguments) {
            d.error(format, redact(format, arguments));
        }

        @Override
        public void error(String msg, Throwable t) {
            d.error(msg, t);
        }
    }
}
