package io.googo.etcd.cli;

import static io.googo.etcd.cli.KvTestSupport.etcdctlKv;
import static io.googo.etcd.cli.KvTestSupport.etcdctlValue;
import static io.googo.etcd.cli.KvTestSupport.etcdctlValueString;
import static io.googo.etcd.cli.KvTestSupport.grantLease;
import static io.googo.etcd.cli.KvTestSupport.hexId;
import static io.googo.etcd.cli.KvTestSupport.json;
import static io.googo.etcd.cli.KvTestSupport.leases;
import static io.googo.etcd.cli.KvTestSupport.put;
import static io.googo.etcd.cli.KvTestSupport.unb64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.googo.etcd.testkit.Await;
import io.googo.etcd.testkit.EtcdExtension;
import io.googo.etcd.testkit.TestPrefix;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code gooetcd put}: every flag, against a real etcd, checked independently with etcdctl. */
class PutCommandTest {
    @RegisterExtension
    static final EtcdExtension etcd = EtcdExtension.builder().build();

    private static Cli cli() {
        return Cli.at(etcd.clientUrl());
    }

    private static void assertOneLineError(Cli.Result r, int exitCode, String... fragments) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err()).as(r.toString()).startsWith("Error: ").doesNotContain("\tat ");
        // a usage error (128) adds picocli's "Run 'gooetcd put --help' for usage." line
        assertThat(r.err()
                        .strip()
                        .lines()
                        .filter(l -> !l.matches("Run '.*' for usage\\."))
                        .count())
                .as(r.toString())
                .isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains(fragments);
    }

    private static void assertAbsent(String key) {
        assertThat(etcdctlKv(etcd, key)).as("etcdctl sees no key " + key).isNull();
    }

    @Test
    void plainPutPrintsOkAndWritesTheValue(TestPrefix p) {
        String k = p.key("plain");
        Cli.Result r = cli().run("put", k, "hello world");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");
        assertThat(r.err()).as(r.toString()).isEmpty();

        JsonNode kv = etcdctlKv(etcd, k);
        assertThat(kv).isNotNull();
        assertThat(new String(unb64(kv.path("value").asText()), StandardCharsets.UTF_8))
                .isEqualTo("hello world");
        assertThat(kv.path("version").asLong()).isEqualTo(1);
        assertThat(kv.has("lease")).as("etcdctl shows no lease: " + kv).isFalse();

        Cli.Result again = cli().run("put", k, "second");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).as(again.toString()).isEqualTo("OK\n");
        assertThat(etcdctlKv(etcd, k).path("version").asLong()).isEqualTo(2);
        assertThat(etcdctlValueString(etcd, k)).isEqualTo("second");
    }

    @Test
    void valueFromStdinRoundTripsBinaryBytesExactly(TestPrefix p) {
        String k = p.key("binary");
        byte[] value = {0x00, (byte) 0xff, 'a', '\n', (byte) 0x80, (byte) 0xfe, 0x01, 0x00, (byte) 0xc3, 0x28};
        Cli.Result r = cli().stdin(value).run("put", k);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");

        assertThat(etcdctlValue(etcd, k)).as("etcdctl's view of the value").containsExactly(value);

        Cli.Result j = cli().run("get", k, "-w", "json");
        assertThat(j.exitCode()).as(j.toString()).isZero();
        JsonNode kv = json(j).path("kvs").get(0);
        assertThat(kv.has("value")).as(j.toString()).isFalse();
        assertThat(unb64(kv.path("value_base64").asText())).as(j.toString()).containsExactly(value);

        Cli.Result simple = cli().run("get", k);
        assertThat(simple.exitCode()).as(simple.toString()).isZero();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes((k + "\n").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(value);
        expected.write('\n');
        assertThat(simple.outBytes()).as("raw bytes of simple get").containsExactly(expected.toByteArray());

        Cli.Result empty = cli().stdin(new byte[0]).run("put", p.key("empty"));
        assertThat(empty.exitCode()).as(empty.toString()).isZero();
        assertThat(etcdctlValue(etcd, p.key("empty")))
                .as("empty stdin is an empty value")
                .isEmpty();
    }

    @Test
    void prevKvPrintsThePreviousPair(TestPrefix p) {
        String k = p.key("prev");
        Cli.Result first = cli().run("put", k, "v1", "--prev-kv");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).as("no previous pair: only OK; " + first).isEqualTo("OK\n");

        Cli.Result second = cli().run("put", k, "v2", "--prev-kv");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).as(second.toString()).isEqualTo("OK\n" + k + "\nv1\n");

        Cli.Result j = cli().run("put", k, "v3", "--prev-kv", "-w", "json");
        assertThat(j.exitCode()).as(j.toString()).isZero();
        JsonNode prev = json(j).path("prev_kv");
        assertThat(prev.path("key").asText()).as(j.toString()).isEqualTo(k);
        assertThat(prev.path("value").asText()).as(j.toString()).isEqualTo("v2");
        assertThat(prev.path("version").asLong()).as(j.toString()).isEqualTo(2);
        assertThat(etcdctlValueString(etcd, k)).isEqualTo("v3");
    }

    @Test
    void leaseAttachesTheKeyToAnExistingLease(TestPrefix p) {
        String lease = grantLease(etcd, 60);
        String k = p.key("leased");
        Cli.Result r = cli().run("put", k, "v", "--lease", lease);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");

        Cli.Result j = cli().run("get", k, "-w", "json");
        String shown = json(j).path("kvs").get(0).path("lease").asText();
        assertThat(shown).as(j.toString()).matches("[0-9a-f]+");
        assertThat(hexId(shown)).as(j.toString()).isEqualTo(hexId(lease));
        assertThat(etcd.etcdctl("lease", "timetolive", lease, "--keys")
                        .assertOk()
                        .out())
                .contains(k);

        Cli.Result hexPrefixed = cli().run("put", p.key("leased2"), "v", "--lease", "0x" + lease);
        assertThat(hexPrefixed.exitCode()).as(hexPrefixed.toString()).isZero();
        assertThat(etcdctlKv(etcd, p.key("leased2")).path("lease").asLong())
                .isEqualTo(Long.parseUnsignedLong(lease, 16));

        etcd.etcdctl("lease", "revoke", lease).assertOk();
        assertAbsent(k);
    }

    @Test
    void badLeaseIdIsAUsageErrorAndWritesNothing(TestPrefix p) {
        String k = p.key("badlease");
        for (String bad : new String[] {"zz", "12345678901234567", "-1", ""}) {
            Cli.Result r = cli().run("put", k, "v", "--lease", bad);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(128);
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(r.err())
                    .as(r.toString())
                    .startsWith("Error: ")
                    .contains("--lease")
                    .doesNotContain("\tat ");
        }
        assertAbsent(k);
    }

    @Test
    void unknownLeaseIsAServerErrorAndWritesNothing(TestPrefix p) {
        String k = p.key("nolease");
        Cli.Result r = cli().run("put", k, "v", "--lease", "7ffffffffffffff0");
        assertOneLineError(r, 1, "lease not found");
        assertAbsent(k);
    }

    @Test
    void ttlGrantsALeaseAndTheKeyVanishesAfterIt(TestPrefix p) {
        String k = p.key("ttl");
        Cli.Result r = cli().run("put", k, "v", "--ttl", "2s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");

        Cli.Result j = cli().run("get", k, "-w", "json");
        String lease = json(j).path("kvs").get(0).path("lease").asText();
        assertThat(lease).as(j.toString()).isNotEqualTo("0").matches("[0-9a-f]+");
        String ttl = etcd.etcdctl("lease", "timetolive", lease).assertOk().out();
        assertThat(ttl).contains("granted with TTL(2s)");

        Await.until(Duration.ofSeconds(60), () -> etcdctlKv(etcd, k) == null, "key " + k + " to expire with its lease");
        Cli.Result after = cli().run("get", k);
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).as(after.toString()).isEmpty();
    }

    @Test
    void ttlMustBeWholeSeconds(TestPrefix p) {
        Set<Long> before = leases(etcd);
        String k = p.key("fraction");
        Cli.Result fraction = cli().run("put", k, "v", "--ttl", "1500ms");
        assertOneLineError(fraction, 3, "whole number of seconds", "1.5s");
        Cli.Result zero = cli().run("put", k, "v", "--ttl", "0s");
        assertOneLineError(zero, 3, "whole number of seconds");
        Cli.Result garbage = cli().run("put", k, "v", "--ttl", "soon");
        assertThat(garbage.exitCode()).as(garbage.toString()).isEqualTo(128);
        assertThat(garbage.err()).as(garbage.toString()).startsWith("Error: ").contains("soon");

        assertAbsent(k);
        assertThat(leases(etcd)).as("no lease granted").isSubsetOf(before);
    }

    @Test
    void ifModRevisionWritesWhenTheRevisionMatches(TestPrefix p) {
        String k = p.key("cas");
        long rev = put(etcd, k, "v1");
        Cli.Result r = cli().run("put", k, "v2", "--if-mod-revision", Long.toString(rev));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");
        assertThat(etcdctlValueString(etcd, k)).isEqualTo("v2");

        long now = etcdctlKv(etcd, k).path("mod_revision").asLong();
        Cli.Result prev = cli().run("put", k, "v3", "--if-mod-revision", Long.toString(now), "--prev-kv");
        assertThat(prev.exitCode()).as(prev.toString()).isZero();
        assertThat(prev.out()).as(prev.toString()).isEqualTo("OK\n" + k + "\nv2\n");
        assertThat(etcdctlValueString(etcd, k)).isEqualTo("v3");
    }

    @Test
    void ifModRevisionMismatchExits7NamingTheActualRevision(TestPrefix p) {
        String k = p.key("cas");
        long old = put(etcd, k, "v1");
        long actual = put(etcd, k, "v2");
        Cli.Result r = cli().run("put", k, "v3", "--if-mod-revision", Long.toString(old));
        assertOneLineError(r, 7, "mod_revision is " + actual, "expected mod_revision " + old);
        JsonNode kv = etcdctlKv(etcd, k);
        assertThat(new String(unb64(kv.path("value").asText()), StandardCharsets.UTF_8))
                .isEqualTo("v2");
        assertThat(kv.path("mod_revision").asLong()).isEqualTo(actual);

        Cli.Result missing = cli().run("put", p.key("absent"), "v", "--if-mod-revision", Long.toString(actual));
        assertOneLineError(missing, 7, "does not exist");
        assertAbsent(p.key("absent"));
    }

    @Test
    void ifModRevisionZeroWritesOnlyWhenTheKeyIsAbsent(TestPrefix p) {
        String k = p.key("create-only");
        Cli.Result created = cli().run("put", k, "first", "--if-mod-revision", "0");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).as(created.toString()).isEqualTo("OK\n");
        long rev = etcdctlKv(etcd, k).path("mod_revision").asLong();

        Cli.Result again = cli().run("put", k, "second", "--if-mod-revision", "0");
        assertOneLineError(again, 7, "mod_revision is " + rev, "expected no key");
        assertThat(etcdctlValueString(etcd, k)).isEqualTo("first");
        assertThat(etcdctlKv(etcd, k).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void ifValueWritesOnlyWhenTheValueMatches(TestPrefix p) {
        String k = p.key("ifv");
        put(etcd, k, "alpha");
        Cli.Result ok = cli().run("put", k, "beta", "--if-value", "alpha");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).as(ok.toString()).isEqualTo("OK\n");
        assertThat(etcdctlValueString(etcd, k)).isEqualTo("beta");

        Cli.Result mismatch = cli().run("put", k, "gamma", "--if-value", "alpha");
        assertOneLineError(mismatch, 7, "its value is 'beta'", "expected value 'alpha'");
        assertThat(etcdctlValueString(etcd, k)).isEqualTo("beta");

        Cli.Result missing = cli().run("put", p.key("nothing"), "x", "--if-value", "alpha");
        assertOneLineError(missing, 7, "does not exist");
        assertAbsent(p.key("nothing"));
    }

    @Test
    void ignoreValueKeepsTheValueAndChangesTheLease(TestPrefix p) {
        String k = p.key("iv");
        put(etcd, k, "keep me");
        String lease = grantLease(etcd, 60);
        try {
            Cli.Result r = cli().run("put", k, "--ignore-value", "--lease", lease);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");
            JsonNode kv = etcdctlKv(etcd, k);
            assertThat(new String(unb64(kv.path("value").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("keep me");
            assertThat(kv.path("lease").asLong()).isEqualTo(hexId(lease));
            assertThat(kv.path("version").asLong()).isEqualTo(2);

            Cli.Result withValue = cli().run("put", k, "other", "--ignore-value");
            assertOneLineError(withValue, 128, "--ignore-value");
            assertThat(etcdctlValueString(etcd, k)).isEqualTo("keep me");
        } finally {
            etcd.etcdctl("lease", "revoke", lease);
        }
    }

    @Test
    void ignoreLeaseKeepsTheLeaseAndChangesTheValue(TestPrefix p) {
        String k = p.key("il");
        String lease = grantLease(etcd, 60);
        try {
            etcd.etcdctl("put", k, "v1", "--lease=" + lease).assertOk();
            Cli.Result r = cli().run("put", k, "v2", "--ignore-lease");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).isEqualTo("OK\n");
            JsonNode kv = etcdctlKv(etcd, k);
            assertThat(new String(unb64(kv.path("value").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("v2");
            assertThat(kv.path("lease").asLong()).isEqualTo(hexId(lease));

            Cli.Result plain = cli().run("put", k, "v3");
            assertThat(plain.exitCode()).as(plain.toString()).isZero();
            assertThat(etcdctlKv(etcd, k).has("lease"))
                    .as("a plain put drops the lease, as etcd does")
                    .isFalse();
        } finally {
            etcd.etcdctl("lease", "revoke", lease);
        }
    }

    @Test
    void ignoreValueOnAMissingKeyFailsAndCreatesNothing(TestPrefix p) {
        Set<Long> before = leases(etcd);
        String k = p.key("missing");
        Cli.Result r = cli().run("put", k, "--ignore-value");
        assertOneLineError(r, 1, "key not found");
        assertAbsent(k);

        Cli.Result withTtl = cli().run("put", k, "--ignore-value", "--ttl", "60s");
        assertOneLineError(withTtl, 1, "key not found");
        assertAbsent(k);
        assertThat(leases(etcd)).as("the lease granted for --ttl is revoked").isSubsetOf(before);
    }

    @Test
    void conflictingFlagsAreInvalidInputAndWriteNothing(TestPrefix p) {
        String k = p.key("conflict");
        String lease = grantLease(etcd, 60);
        try {
            assertOneLineError(cli().run("put", k, "v", "--lease", lease, "--ttl", "5s"), 128, "--lease", "--ttl");
            assertOneLineError(cli().run("put", k, "v", "--ignore-lease", "--lease", lease), 128, "--ignore-lease");
            assertOneLineError(cli().run("put", k, "v", "--ignore-lease", "--ttl", "5s"), 128, "--ignore-lease");
            assertAbsent(k);
            assertThat(etcd.etcdctl("lease", "timetolive", lease, "--keys")
                            .assertOk()
                            .out())
                    .as("nothing was attached to the lease")
                    .doesNotContain(k);
        } finally {
            etcd.etcdctl("lease", "revoke", lease);
        }
    }

    @Test
    void ttlPutWhoseConditionFailsLeavesNoLeaseBehind(TestPrefix p) {
        String k = p.key("ttl-cas");
        long rev = put(etcd, k, "v1");
        Set<Long> before = leases(etcd);

        Cli.Result r = cli().run("put", k, "v2", "--ttl", "60s", "--if-mod-revision", Long.toString(rev + 1000));
        assertOneLineError(r, 7, "mod_revision is " + rev);
        Cli.Result v = cli().run("put", k, "v2", "--ttl", "60s", "--if-value", "not-v1");
        assertOneLineError(v, 7, "its value is 'v1'");

        assertThat(leases(etcd))
                .as("the granted lease is revoked after the failed condition")
                .isSubsetOf(before);
        JsonNode kv = etcdctlKv(etcd, k);
        assertThat(new String(unb64(kv.path("value").asText()), StandardCharsets.UTF_8))
                .isEqualTo("v1");
        assertThat(kv.has("lease")).as(kv.toString()).isFalse();
        assertThat(kv.path("mod_revision").asLong()).isEqualTo(rev);

        Cli.Result ok = cli().run("put", k, "v3", "--ttl", "60s", "--if-mod-revision", Long.toString(rev));
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        JsonNode after = etcdctlKv(etcd, k);
        long lease = after.path("lease").asLong();
        assertThat(lease).as(after.toString()).isNotZero();
        assertThat(leases(etcd)).as("a successful CAS keeps its lease").contains(lease);
        etcd.etcdctl("lease", "revoke", Long.toHexString(lease)).assertOk();
    }
}
