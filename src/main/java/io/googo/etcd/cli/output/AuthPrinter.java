package io.googo.etcd.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.auth.AuthResult;
import io.googo.etcd.core.auth.AuthStatus;
import io.googo.etcd.core.auth.Permission;
import io.googo.etcd.core.auth.RoleInfo;
import io.googo.etcd.core.auth.RoleList;
import io.googo.etcd.core.auth.UserInfo;
import io.googo.etcd.core.auth.UserList;
import io.googo.etcd.core.kv.Header;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The output of {@code auth}, {@code user} and {@code role}, in every format (kept apart from the
 * other printers so that the auth commands are one piece):
 *
 * <ul>
 *   <li>simple, fields, etcdctl-json: what etcdctl 3.4 prints, byte for byte (its JSON is Go's
 *       encoding of the protobuf response: base64 keys, numeric IDs, zero fields left out; its
 *       {@code auth enable/disable} print their sentence in every format);
 *   <li>json: our readable JSON (OUTPUT.md): the header with hex IDs, the names the command was
 *       given, keys as UTF-8 strings ({@code key_base64} when not UTF-8), permission types by name;
 *   <li>table: for the lists, {@code user get}, {@code role get} and {@code auth status}.
 * </ul>
 */
public final class AuthPrinter extends StreamPrinter {
    /** What an acknowledgement is for: the command and the names it was given, for json. */
    public record Ack(String command, List<String[]> fields) {
        /**
         * @param command e.g. {@code "user add"}
         * @param pairs   name, value, name, value … (values may be null: left out)
         * @return the acknowledgement
         */
        public static Ack of(String command, String... pairs) {
            List<String[]> f = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                if (pairs[i + 1] != null) {
                    f.add(new String[] {pairs[i], pairs[i + 1]});
                }
            }
            return new Ack(command, f);
        }
    }

    private final OutputFormat format;
    private JsonGenerator g;

    public AuthPrinter(OutputFormat format, OutputStream out) {
        super(out);
        this.format = format;
    }

    private boolean ctlJson() {
        return format == OutputFormat.ETCDCTL_JSON;
    }

    private JsonGenerator json() {
        if (g == null) {
            try {
                g = JsonPrinter.FACTORY.createGenerator(out);
                g.setRootValueSeparator(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return g;
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void doc(Header h, Body body) {
        JsonGenerator j = json();
        try {
            j.writeStartObject();
            header(j, h);
            body.write(j);
            j.writeEndObject();
            j.flush();
            newline();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /** The header; one the server did not send (etcd 3.4's auth status) is null in json, left out in etcdctl-json. */
    private void header(JsonGenerator j, Header h) throws IOException {
        if (Header.EMPTY.equals(h)) {
            if (!ctlJson()) {
                j.writeNullField("header");
            }
            return;
        }
        j.writeObjectFieldStart("header");
        if (ctlJson()) {
            unsigned(j, "cluster_id", h.clusterId());
            unsigned(j, "member_id", h.memberId());
            unsigned(j, "revision", h.revision());
            unsigned(j, "raft_term", h.raftTerm());
        } else {
            j.writeStringField("cluster_id", Long.toHexString(h.clusterId()));
            j.writeStringField("member_id", Long.toHexString(h.memberId()));
            j.writeNumberField("revision", h.revision());
            j.writeNumberField("raft_term", h.raftTerm());
        }
        j.writeEndObject();
    }

    private static void unsigned(JsonGenerator j, String field, long v) throws IOException {
        if (v != 0) {
            j.writeFieldName(field);
            j.writeNumber(Long.toUnsignedString(v));
        }
    }

    private void fieldsHeader(Header h) {
        println("\"ClusterID\" : " + Long.toUnsignedString(h.clusterId()));
        println("\"MemberID\" : " + Long.toUnsignedString(h.memberId()));
        println("\"Revision\" : " + h.revision());
        println("\"RaftTerm\" : " + h.raftTerm());
    }

    private EtcdException unsupported(String command) {
        return EtcdException.unsupported("'" + command + "' cannot print format '" + format.flag() + "'");
    }

    private static String readableBytes(byte[] b) {
        return Text.utf8OrNull(b);
    }

    private static void bytesField(JsonGenerator j, String field, byte[] b) throws IOException {
        String s = readableBytes(b);
        if (s != null) {
            j.writeStringField(field, s);
        } else {
            j.writeFieldName(field + "_base64");
            j.writeBinary(b);
        }
    }

    // ---- auth ---------------------------------------------------------------------------------

    /** {@code auth enable} / {@code auth disable}: etcdctl prints its sentence whatever the format (json: ours). */
    public void authChanged(boolean enabled, AuthResult r) {
        if (format == OutputFormat.JSON) {
            doc(r.header(), j -> j.writeBooleanField("enabled", enabled));
            return;
        }
        println(enabled ? "Authentication Enabled" : "Authentication Disabled");
    }

    /** {@code auth status}: etcdctl 3.5's words (3.4 has no such command). */
    public void authStatus(AuthStatus s) {
        switch (format) {
            case SIMPLE -> {
                println("Authentication Status: " + s.enabled());
                println("AuthRevision: "
                        + (s.hasAuthRevision()
                                ? Long.toString(s.authRevision())
                                : "unknown (etcd before 3.5 does not tell it)"));
            }
            case JSON ->
                doc(s.header(), j -> {
                    j.writeBooleanField("enabled", s.enabled());
                    if (s.hasAuthRevision()) {
                        j.writeNumberField("auth_revision", s.authRevision());
                    } else {
                        j.writeNullField("auth_revision");
                    }
                });
            case ETCDCTL_JSON ->
                doc(s.header(), j -> {
                    if (s.enabled()) {
                        j.writeBooleanField("enabled", true);
                    }
                    if (s.authRevision() > 0) {
                        j.writeNumberField("authRevision", s.authRevision());
                    }
                });
            case FIELDS -> {
                fieldsHeader(s.header());
                println("\"Enabled\" : " + s.enabled());
                println("\"AuthRevision\" : " + (s.hasAuthRevision() ? Long.toString(s.authRevision()) : "unknown"));
            }
            case TABLE -> {
                TablePrinter.Table t = new TablePrinter(out).new Table("ENABLED", "AUTH REVISION");
                t.row(Boolean.toString(s.enabled()), s.hasAuthRevision() ? Long.toString(s.authRevision()) : "unknown");
                t.end();
            }
        }
    }

    // ---- acknowledgements -----------------------------------------------------------------------

    /**
     * A change that answers with a header only: {@code simpleLine} in simple, the header in fields
     * and etcdctl-json (as etcdctl), the header and the names in json.
     */
    public void ack(Ack what, String simpleLine, AuthResult r) {
        switch (format) {
            case SIMPLE -> println(simpleLine);
            case FIELDS -> fieldsHeader(r.header());
            case ETCDCTL_JSON -> doc(r.header(), j -> {});
            case JSON ->
                doc(r.header(), j -> {
                    for (String[] f : what.fields()) {
                        j.writeStringField(f[0], f[1]);
                    }
                });
            case TABLE -> throw unsupported(what.command());
        }
    }

    /** {@code role revoke-permission}: etcdctl's sentence names the key (and range end) it was given. */
    public void roleRevokePermission(String role, String key, byte[] sentKey, byte[] rangeEnd, AuthResult r) {
        if (format == OutputFormat.SIMPLE) {
            if (rangeEnd.length == 0) {
                println("Permission of key " + key + " is revoked from role " + role);
            } else if (!java.util.Arrays.equals(rangeEnd, io.googo.etcd.core.key.KeyRanges.ALL)) {
                print("Permission of range [" + key + ", ");
                write(rangeEnd); // raw, as etcdctl: a prefix end need not be UTF-8
                println(") is revoked from role " + role);
            } else {
                println("Permission of range [" + key + ", <open ended> is revoked from role " + role);
            }
            return;
        }
        if (format == OutputFormat.JSON) {
            doc(r.header(), j -> {
                j.writeStringField("role", role);
                bytesField(j, "key", sentKey);
                bytesField(j, "range_end", rangeEnd);
            });
            return;
        }
        ack(Ack.of("role revoke-permission"), null, r);
    }

    // ---- users --------------------------------------------------------------------------------

    public void userGet(UserInfo u) {
        switch (format) {
            case SIMPLE -> {
                StringBuilder sb = new StringBuilder("Roles:");
                u.roles().forEach(role -> sb.append(' ').append(role));
                println("User: " + u.name());
                println(sb.toString());
            }
            case ETCDCTL_JSON ->
                doc(u.header(), j -> {
                    if (!u.roles().isEmpty()) {
                        strings(j, "roles", u.roles());
                    }
                });
            case JSON ->
                doc(u.header(), j -> {
                    j.writeStringField("user", u.name());
                    strings(j, "roles", u.roles());
                });
            case TABLE -> {
                TablePrinter.Table t = new TablePrinter(out).new Table("USER", "ROLES");
                t.row(u.name(), String.join(", ", u.roles()));
                t.end();
            }
            case FIELDS -> throw unsupported("user get");
        }
    }

    /**
     * {@code user get --detail}: as etcdctl, "User: NAME", then for each role a blank line and the
     * role as {@code role get} prints it (in simple and etcdctl-json); json: one document with the
     * roles' permissions; table: one row per permission.
     */
    public void userGetDetail(UserInfo u, List<RoleInfo> roles) {
        switch (format) {
            case SIMPLE, ETCDCTL_JSON, FIELDS -> {
                println("User: " + u.name());
                for (RoleInfo role : roles) {
                    newline();
                    roleGet(role);
                }
            }
            case JSON ->
                doc(u.header(), j -> {
                    j.writeStringField("user", u.name());
                    strings(j, "roles", u.roles());
                    j.writeArrayFieldStart("role_details");
                    for (RoleInfo role : roles) {
                        j.writeStartObject();
                        j.writeStringField("role", role.name());
                        perms(j, role.permissions());
                        j.writeEndObject();
                    }
                    j.writeEndArray();
                });
            case TABLE -> {
                TablePrinter.Table t = new TablePrinter(out).new Table("USER", "ROLE", "TYPE", "KEY", "RANGE END");
                for (RoleInfo role : roles) {
                    if (role.permissions().isEmpty()) {
                        t.row(u.name(), role.name(), "", "", "");
                    }
                    for (Permission p : role.permissions()) {
                        t.row(u.name(), role.name(), p.type().name(), TablePrinter.cell(p.key()), rangeCell(p));
                    }
                }
                t.end();
            }
        }
    }

    public void userList(UserList r) {
        names("user list", "users", "USER", r.header(), r.users());
    }

    public void roleList(RoleList r) {
        if (format == OutputFormat.FIELDS) {
            fieldsHeader(r.header());
            StringBuilder sb = new StringBuilder("\"Roles\" :");
            for (String role : r.roles()) {
                sb.append(' ').append(Text.goQuote(role.getBytes(StandardCharsets.UTF_8)));
            }
            println(sb.toString());
            return;
        }
        names("role list", "roles", "ROLE", r.header(), r.roles());
    }

    private void names(String command, String field, String column, Header h, List<String> names) {
        switch (format) {
            case SIMPLE -> names.forEach(this::println);
            case ETCDCTL_JSON ->
                doc(h, j -> {
                    if (!names.isEmpty()) {
                        strings(j, field, names);
                    }
                });
            case JSON -> doc(h, j -> strings(j, field, names));
            case TABLE -> {
                TablePrinter.Table t = new TablePrinter(out).new Table(column);
                names.forEach(t::row);
                t.end();
            }
            case FIELDS -> throw unsupported(command);
        }
    }

    private static void strings(JsonGenerator j, String field, List<String> v) throws IOException {
        j.writeArrayFieldStart(field);
        for (String s : v) {
            j.writeString(s);
        }
        j.writeEndArray();
    }

    // ---- roles --------------------------------------------------------------------------------

    public void roleGet(RoleInfo r) {
        switch (format) {
            case SIMPLE -> roleGetSimple(r);
            case FIELDS -> {
                fieldsHeader(r.header());
                for (Permission p : r.permissions()) {
                    println("\"PermType\" :  " + p.type().name());
                    println("\"Key\" : " + Text.goQuote(p.key()));
                    println("\"RangeEnd\" : " + Text.goQuote(p.rangeEnd()));
                }
            }
            case ETCDCTL_JSON ->
                doc(r.header(), j -> {
                    if (r.permissions().isEmpty()) {
                        return;
                    }
                    j.writeArrayFieldStart("perm");
                    for (Permission p : r.permissions()) {
                        j.writeStartObject();
                        if (p.type() != Permission.Type.READ) {
                            j.writeNumberField("permType", p.type().ordinal());
                        }
                        if (p.key().length > 0) {
                            j.writeFieldName("key");
                            j.writeBinary(p.key());
                        }
                        if (p.rangeEnd().length > 0) {
                            j.writeFieldName("range_end");
                            j.writeBinary(p.rangeEnd());
                        }
                        j.writeEndObject();
                    }
                    j.writeEndArray();
                });
            case JSON ->
                doc(r.header(), j -> {
                    j.writeStringField("role", r.name());
                    perms(j, r.permissions());
                });
            case TABLE -> {
                TablePrinter.Table t = new TablePrinter(out).new Table("ROLE", "TYPE", "KEY", "RANGE END");
                for (Permission p : r.permissions()) {
                    t.row(r.name(), p.type().name(), TablePrinter.cell(p.key()), rangeCell(p));
                }
                t.end();
            }
        }
    }

    private static String rangeCell(Permission p) {
        if (!p.isRange()) {
            return "";
        }
        if (p.isOpenEnded()) {
            return "<open ended>";
        }
        return TablePrinter.cell(p.rangeEnd()) + (p.isPrefix() ? " (prefix)" : "");
    }

    private static void perms(JsonGenerator j, List<Permission> perms) throws IOException {
        j.writeArrayFieldStart("perm");
        for (Permission p : perms) {
            j.writeStartObject();
            j.writeStringField("permType", p.type().name());
            bytesField(j, "key", p.key());
            bytesField(j, "range_end", p.rangeEnd());
            j.writeBooleanField("prefix", p.isPrefix());
            j.writeBooleanField("open_ended", p.isOpenEnded());
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    /** etcdctl's: "Role NAME", then the keys and ranges it may read, then those it may write. */
    private void roleGetSimple(RoleInfo r) {
        println("Role " + r.name());
        println("KV Read:");
        for (Permission p : r.permissions()) {
            if (p.type().reads()) {
                permLine(p);
            }
        }
        println("KV Write:");
        for (Permission p : r.permissions()) {
            if (p.type().writes()) {
                permLine(p);
            }
        }
    }

    private void permLine(Permission p) {
        print("\t");
        if (!p.isRange()) {
            write(p.key());
            newline();
            return;
        }
        print("[");
        write(p.key());
        if (p.isOpenEnded()) {
            print(", <open ended>");
        } else {
            print(", ");
            write(p.rangeEnd());
            print(")");
        }
        if (p.isPrefix()) {
            print(" (prefix ");
            write(p.key());
            print(")");
        }
        newline();
    }
}
