package io.googo.etcd.cli.command;

import io.googo.etcd.cli.Sidecar;
import io.googo.etcd.cli.option.Converters;
import io.googo.etcd.cli.option.ServiceName;
import io.googo.etcd.cli.option.TtlConverter;
import io.googo.etcd.cli.output.OutputFormat;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.key.KeyNames;
import io.googo.etcd.core.key.ServiceKeys;
import io.googo.etcd.core.registry.HealthCheck;
import io.googo.etcd.core.registry.ServiceInstance;
import io.googo.etcd.core.registry.ServiceRegistrar;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "register",
        description = {
            "Registers ADDR as an instance of SERVICE and keeps it registered: the sidecar.",
            "Key PREFIX/SERVICE/ADDR, value {\"Op\":0,\"Addr\":ADDR,\"Metadata\":...} (etcd's gRPC naming format) on a",
            "lease kept alive at TTL/3. A lost lease (expired, revoked, key deleted) is replaced by a new one, retrying",
            "until the cluster answers. With a health check the key is withdrawn after N failures in a row and put",
            "back after the first pass. SIGINT/SIGTERM revoke the lease (the key goes at once) and exit 0.",
            "Logs one line per state change on stderr (JSON lines with -w json); prints nothing on stdout."
        })
public final class RegisterCommand extends BaseCommand {
    @Parameters(index = "1", paramLabel = "ADDR", description = "The instance's address, e.g. 10.0.0.5:8080.")
    String addr;

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            converter = TtlConverter.class,
            defaultValue = "10s",
            description =
                    "TTL of the lease, whole seconds (default 10s): the key goes this long after the sidecar dies.")
    Duration ttl;

    @Option(names = "--metadata", paramLabel = "JSON", description = "Any JSON value, stored as Metadata.")
    String metadata;

    // SERVICE (index 0) and --prefix, shared with discover; declared here, where --prefix was, so that
    // the man page and the completions list the options in the same order as before
    @Mixin
    ServiceName name;

    @Option(names = "--check-http", paramLabel = "URL", description = "Health check: GET URL, healthy on 2xx.")
    String checkHttp;

    @Option(names = "--check-cmd", paramLabel = "CMD", description = "Health check: sh -c CMD, healthy on exit 0.")
    String checkCmd;

    @Option(
            names = "--check-interval",
            paramLabel = "DURATION",
            converter = Converters.GoDuration.class,
            defaultValue = "5s",
            description = "Time between checks, also a check's timeout up to 10s (default 5s).")
    Duration checkInterval;

    @Option(
            names = "--check-failures",
            paramLabel = "N",
            defaultValue = "3",
            description = "Withdraw the key after N failed checks in a row (default 3).")
    int checkFailures;

    @Override
    protected List<OutputFormat> formats() {
        return List.of(OutputFormat.SIMPLE, OutputFormat.JSON);
    }

    @Override
    protected int execute() throws InterruptedException {
        // every check before anything is sent
        String service = name.service();
        KeyNames.checkSegment(service, "service name");
        ServiceKeys.instanceKey(name.prefix(), service, addr);
        ServiceRegistrar.checkTtl(ttl);
        var md = metadata == null ? null : ServiceInstance.parseMetadata(metadata); // null: no JSON parser needed
        HealthCheck check = healthCheck();
        boolean json = format() == OutputFormat.JSON;
        ServiceRegistrar.Builder registrar = ServiceRegistrar.builder(client(), service, addr)
                .prefix(name.prefix())
                .ttl(ttl)
                .metadata(md)
                .healthCheck(check)
                .checkInterval(checkInterval)
                .checkFailures(checkFailures);
        Sidecar.Run run = new Sidecar.Run(registrar, client(), err(), json, root().fallbackNote());
        if (Sidecar.handOver(run)) {
            releaseClient(); // the process's main runs it, after this command's classes are gone
            return 0;
        }
        run.run();
        return 0;
    }

    private HealthCheck healthCheck() {
        if (checkHttp != null && checkCmd != null) {
            throw usage("--check-http and --check-cmd cannot be used together");
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw EtcdException.invalid("--check-interval must be positive");
        }
        if (checkFailures < 1) {
            throw EtcdException.invalid("--check-failures must be at least 1, not " + checkFailures);
        }
        if (checkHttp != null) {
            try {
                URI u = new URI(checkHttp);
                if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())
                        || u.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL with a host");
                }
            } catch (Exception e) {
                throw EtcdException.invalid("--check-http '" + checkHttp + "' is not an http(s) URL");
            }
            return HealthCheck.http(checkHttp);
        }
        if (checkCmd != null) {
            if (checkCmd.isBlank()) {
                throw EtcdException.invalid("--check-cmd must not be empty");
            }
            return HealthCheck.command(checkCmd);
        }
        return null;
    }
}
