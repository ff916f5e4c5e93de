package io.googo.etcd.core.client;

import io.etcd.jetcd.Client;
import io.grpc.ManagedChannel;
import java.lang.reflect.Method;

/**
 * The one reflective look into jetcd: the {@link ManagedChannel} under a jetcd client, whose
 * connectivity state {@link ConnectPhase} waits on before a client's first request. jetcd keeps
 * it behind package-private members ({@code Impl.connectionManager()},
 * {@code ClientConnectionManager.getChannel()}); a class of ours inside jetcd's package would
 * split the package and break the module path (jetcd's automatic module opens its packages to
 * reflection). When a jetcd upgrade renames them this answers {@code null}, and requests are
 * bounded by their own deadline alone, as before the connect phase existed; a test
 * ({@code JetcdInternalsTest}) fails first. GraalVM: listed in the native-image reflect-config.
 */
final class JetcdInternals {
    private JetcdInternals() {}

    /** jetcd's channel under {@code client} (made now if jetcd has not yet made it), or {@code null}. */
    static ManagedChannel managedChannel(Client client) {
        try {
            Object lease = client.getLeaseClient();
            Method connectionManager = method(lease.getClass(), "connectionManager");
            Object manager = connectionManager.invoke(lease);
            Method getChannel = method(manager.getClass(), "getChannel");
            return getChannel.invoke(manager) instanceof ManagedChannel mc ? mc : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    m.setAccessible(true);
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + "()");
    }
}
