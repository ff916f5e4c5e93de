package io.googo.etcd.cli.command.endpoint;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.MembersFlag;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.cluster.ClusterAdmin;
import io.googo.etcd.core.cluster.EndpointHash;
import io.googo.etcd.core.cluster.EndpointHealth;
import io.googo.etcd.core.cluster.EndpointStatus;
import io.googo.etcd.core.config.Endpoints;
import io.googo.etcd.core.config.ProfileResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A command that asks each endpoint on a connection of its own: the profile's endpoints, or with
 * {@code --cluster} every member's client URLs from the member list. A dead endpoint is a row with
 * its error; once every row is printed, {@link #failIfAny} turns the failed ones into one
 * {@code Error:} line.
 */
public abstract class PerEndpointCommand extends BaseCommand implements MembersFlag {
    private boolean allMembers;

    @Override
    public void allMembers(boolean all) {
        allMembers = all;
    }

    protected ClusterAdmin admin() {
        return new ClusterAdmin(client());
    }

    /** The endpoints to ask. */
    protected List<String> endpoints(ClusterAdmin admin) {
        return cluster() ? admin.memberEndpoints() : client().endpoints();
    }

    private boolean cluster() {
        boolean fromParent =
                spec.parent() != null && spec.parent().userObject() instanceof EndpointCommand e && e.allMembers;
        return allMembers || fromParent;
    }

    /**
     * The endpoint as the user wrote it in {@code --endpoints} (else {@code GOOETCD_ENDPOINTS} or
     * {@code ETCDCTL_ENDPOINTS}): etcdctl echoes {@code 127.0.0.1:2379} bare and a scheme in the case
     * given. Endpoints from a profile or the member list are shown as the client has them.
     */
    protected String shown(String endpoint) {
        String raw = root().connection.endpoints;
        for (String name :
                new String[] {ProfileResolver.ENV_PREFIX + "ENDPOINTS", ProfileResolver.ETCDCTL_PREFIX + "ENDPOINTS"}) {
            if (raw == null) {
                String v = ctx().env().get(name);
                raw = v == null || v.isEmpty() ? null : v;
            }
        }
        if (raw == null || cluster()) {
            return endpoint;
        }
        Map<String, String> given = new HashMap<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                try {
                    given.putIfAbsent(Endpoints.normalize(part, "--endpoints"), part.trim());
                } catch (RuntimeException notOne) {
                    // refused when the client was made; nothing to show
                }
            }
        }
        return given.getOrDefault(endpoint, endpoint);
    }

    protected EndpointHealth shown(EndpointHealth h) {
        return new EndpointHealth(shown(h.endpoint()), h.healthy(), h.took(), h.error());
    }

    protected EndpointStatus shown(EndpointStatus s) {
        return s.withEndpoint(shown(s.endpoint()));
    }

    protected EndpointHash shown(EndpointHash h) {
        return new EndpointHash(
                shown(h.endpoint()), h.header(), h.hash(), h.compactRevision(), h.error(), h.errorKind());
    }

    /**
     * Throws one error naming every row that failed: CONNECTION (exit 2) when no endpoint answered
     * and all failed to connect or timed out, else SERVER (exit 1): an endpoint that answered with a
     * refusal (authentication failed, permission denied) did answer.
     *
     * @param what  e.g. "endpoint status"
     * @param verb  e.g. "did not answer"
     * @param kind  the kind of a row's failure; {@code null} for failures that are no connection
     *              failures whatever happened (e.g. "unhealthy")
     */
    protected static <T> void failIfAny(
            List<T> rows,
            Predicate<T> failed,
            Function<T, String> endpoint,
            Function<T, String> error,
            String what,
            String verb,
            Function<T, ErrorKind> kind) {
        List<T> bad = rows.stream().filter(failed).toList();
        if (bad.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(what)
                .append(": ")
                .append(bad.size())
                .append(" of ")
                .append(rows.size())
                .append(rows.size() == 1 ? " endpoint " : " endpoints ")
                .append(verb)
                .append(": ");
        for (int i = 0; i < bad.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(endpoint.apply(bad.get(i)))
                    .append(" (")
                    .append(error.apply(bad.get(i)))
                    .append(')');
        }
        boolean none = bad.size() == rows.size();
        boolean unreachable = kind != null
                && bad.stream().map(kind).allMatch(k -> k == ErrorKind.CONNECTION || k == ErrorKind.TIMEOUT);
        throw new EtcdException(unreachable && none ? ErrorKind.CONNECTION : ErrorKind.SERVER, sb.toString());
    }
}
