package io.googo.etcd.cli.command.endpoint;

import io.googo.etcd.cli.command.BaseCommand;
import io.googo.etcd.cli.option.MembersFlag;
import io.googo.etcd.core.ErrorKind;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.cluster.ClusterAdmin;
import java.util.List;
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
        boolean fromParent = spec.parent() != null && spec.parent().userObject() instanceof EndpointCommand e
                && e.allMembers;
        return allMembers || fromParent ? admin.memberEndpoints() : client().endpoints();
    }

    /**
     * Throws one error naming every row that failed: CONNECTION (exit 2) when no endpoint answered
     * and all failed to connect or timed out, else SERVER (exit 1).
     *
     * @param what      e.g. "endpoint status"
     * @param verb      e.g. "did not answer"
     * @param connection whether the failures are connection failures (as opposed to e.g. "unhealthy")
     */
    protected static <T> void failIfAny(List<T> rows, Predicate<T> failed, Function<T, String> endpoint,
            Function<T, String> error, String what, String verb, boolean connection) {
        List<T> bad = rows.stream().filter(failed).toList();
        if (bad.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(what).append(": ").append(bad.size()).append(" of ").append(rows.size())
                .append(rows.size() == 1 ? " endpoint " : " endpoints ").append(verb).append(": ");
        for (int i = 0; i < bad.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(endpoint.apply(bad.get(i))).append(" (").append(error.apply(bad.get(i))).append(')');
        }
        boolean none = bad.size() == rows.size();
        throw new EtcdException(connection && none ? ErrorKind.CONNECTION : ErrorKind.SERVER, sb.toString());
    }
}
