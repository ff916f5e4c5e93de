package io.googo.etcd.core.client;

import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.config.Durations;
import io.grpc.Status;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Turns what jetcd and gRPC throw into one {@link EtcdException} whose message names the endpoints. */
final class Failures {
    private Failures() {}

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    static Status status(Throwable t) {
        Throwable c = unwrap(t);
        Status s = Status.fromThrowable(c);
        if (s.getCode() == Status.Code.UNKNOWN && c instanceof io.etcd.jetcd.common.exception.EtcdException e) {
            try {
                return Status.fromCode(Status.Code.valueOf(e.getErrorCode().name()))
                        .withDescription(e.getMessage());
            } catch (IllegalArgumentException ignored) {
                return s.withDescription(e.getMessage());
            }
        }
        return s;
    }

    static EtcdException map(Throwable t, String what, EtcdClient client, boolean connected) {
        Throwable c = unwrap(t);
        if (c instanceof EtcdException e) {
            return e;
        }
        CallOptionsInterceptor.RequestTooLargeException big = tooLarge(c);
        if (big != null) {
            return new EtcdException(
                    ErrorKind.INVALID_INPUT,
                    what + ": " + big.getMessage() + " (max-send-message-size); nothing was sent",
                    c);
        }
        String eps = String.join(",", client.endpoints());
        if (c instanceof CancellationException) {
            return new EtcdException(ErrorKind.INTERRUPTED, what + ": canceled", c);
        }
        Status s = status(c);
        String desc = describe(s);
        if (desc.contains("user name is empty") && client.config().username() == null) {
            return new EtcdException(
                    ErrorKind.SERVER,
                    what + ": the cluster has authentication enabled; "
                            + "pass --user (or set username in the profile)",
                    c);
        }
        Status.Code code = s.getCode();
        if (desc.contains("etcdserver: unhealthy cluster")) {
            // etcd's strict reconfiguration check: an answer, not a connection failure
            return new EtcdException(
                    ErrorKind.SERVER,
                    what + ": " + desc + " (etcd refuses a membership change"
                            + " while a member is down or has been connected for less than 5s; try again)",
                    c);
        }
        if (code != Status.Code.DEADLINE_EXCEEDED && isServerTimeout(desc)) {
            // etcd got our deadline (grpc-timeout) and answered first with its own timeout;
            // it did answer, so this is a request timeout, not a connection that never came up
            code = Status.Code.DEADLINE_EXCEEDED;
            connected = true;
        }
        switch (code) {
            case DEADLINE_EXCEEDED:
                if (!connected) {
                    return new EtcdException(
                            ErrorKind.CONNECTION,
                            what + ": cannot connect to " + eps
                                    + ": no answer within "
                                    + Durations.format(client.config().requestTimeout())
                                    + " (command timeout; dial timeout "
                                    + Durations.format(client.config().dialTimeout())
                                    + ")",
                            c);
                }
                return new EtcdException(
                        ErrorKind.TIMEOUT,
                        what + ": no answer from " + eps + " within "
                                + Durations.format(client.config().requestTimeout()) + " (command timeout)",
                        c);
            case UNAVAILABLE:
                return new EtcdException(
                        ErrorKind.CONNECTION,
                        what + ": cannot reach " + eps + ": " + transportCause(c, desc, client.endpoints(), connected),
                        c);
            case UNAUTHENTICATED:
                if (desc.contains("authentication failed")) {
                    return new EtcdException(
                            ErrorKind.SERVER,
                            what + ": authentication failed" + userPart(client) + ": invalid user name or password",
                            c);
                }
                return new EtcdException(
                        ErrorKind.SERVER, what + ": authentication failed" + userPart(client) + ": " + desc, c);
            case PERMISSION_DENIED:
                return new EtcdException(
                        ErrorKind.SERVER, what + ": permission denied" + userPart(client) + ": " + desc, c);
            case INVALID_ARGUMENT:
                if (desc.contains("authentication failed")) {
                    return new EtcdException(
                            ErrorKind.SERVER,
                            what + ": authentication failed" + userPart(client) + ": invalid user name or password",
                            c);
                }
                return new EtcdException(ErrorKind.SERVER, what + ": " + desc, c);
            case RESOURCE_EXHAUSTED:
                return new EtcdException(
                        ErrorKind.SERVER,
                        what + ": " + desc + " (a smaller --page-size or a larger max-receive-message-size may help)",
                        c);
            case CANCELLED:
                return new EtcdException(ErrorKind.INTERRUPTED, what + ": canceled: " + desc, c);
            default:
                return new EtcdException(ErrorKind.SERVER, what + ": " + desc, c);
        }
    }

    /** The refusal of a request over the max send size among {@code t}'s causes, else {@code null}. */
    static CallOptionsInterceptor.RequestTooLargeException tooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CallOptionsInterceptor.RequestTooLargeException e) {
                return e;
            }
        }
        return null;
    }

    /** etcd's own words for a request that ran out of time (no leader, no quorum, slow disk). */
    static boolean isServerTimeout(String desc) {
        return desc.contains("context deadline exceeded")
                || desc.contains("etcdserver: request timed out")
                || desc.contains("etcdserver: leader changed") && desc.contains("timed out");
    }

    private static String userPart(EtcdClient client) {
        return client.config().username() == null
                ? ""
                : " for user '" + client.config().username() + "'";
    }

    private static String describe(Status s) {
        String d = s.getDescription();
        if (d == null || d.isBlank()) {
            Throwable cause = s.getCause();
            d = cause != null && cause.getMessage() != null
                    ? cause.getMessage()
                    : s.getCode().name();
        }
        return oneLine(d);
    }

    private static String transportCause(
            Throwable c, String desc, java.util.List<String> endpoints, boolean connected) {
        for (Throwable t = c; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                String m = String.valueOf(t.getMessage());
                if (m.contains("PKIX path building failed") || m.contains("unable to find valid certification path")) {
                    return "TLS handshake failed: the server's certificate is not signed by a trusted CA"
                            + " (check --cacert)";
                }
                return "TLS handshake failed: "
                        + oneLine(m).replaceAll("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "")
                        + " (check --cacert/--cert/--key)";
            }
        }
        for (Throwable t = c; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t.getClass().getName().endsWith("ConnectException")) {
                String m = t.getMessage() == null ? "connection refused" : t.getMessage();
                return oneLine(m);
            }
        }
        // the TCP connection was made, then closed before the server ever spoke HTTP/2 (gRPC words
        // this differently by timing): a TLS server spoken to in plain text is the common cause.
        // Not once the client had a connection up: then the member went away (killed, restarted)
        if (!connected && endpoints.stream().allMatch(e -> e.startsWith("http://"))) {
            return desc + " (if the server uses TLS, use https:// endpoints)";
        }
        return desc;
    }

    static String oneLine(String s) {
        String l = s.replace('\n', ' ').replace('\r', ' ').trim();
        return l.length() > 300 ? l.substring(0, 300) + "…" : l;
    }
}
