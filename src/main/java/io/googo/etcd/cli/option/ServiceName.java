package io.googo.etcd.cli.option;

import io.googo.etcd.core.key.ServiceKeys;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * SERVICE and {@code --prefix PREFIX}, as {@code register} and {@code discover} take them: one
 * definition, so that the two agree on where PREFIX/SERVICE/ lives.
 */
public final class ServiceName {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service name (no '/').")
    String service;

    @Option(
            names = "--prefix",
            paramLabel = "PREFIX",
            defaultValue = ServiceKeys.DEFAULT_PREFIX,
            description = "Key prefix (default services).")
    String prefix;

    /** The service name, as given. */
    public String service() {
        return service;
    }

    /** The key prefix (default {@value ServiceKeys#DEFAULT_PREFIX}). */
    public String prefix() {
        return prefix;
    }
}
