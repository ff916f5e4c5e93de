package io.googo.etcd.cli.output;

import io.googo.etcd.core.cluster.EndpointHash;
import io.googo.etcd.core.cluster.EndpointHealth;
import io.googo.etcd.core.cluster.EndpointStatus;
import io.googo.etcd.core.cluster.MemberInfo;
import io.googo.etcd.core.cluster.MemberList;
import io.googo.etcd.core.config.Durations;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.Kv;
import io.googo.etcd.core.kv.RangeSink;
import io.googo.etcd.core.lease.LeaseIds;
import io.googo.etcd.core.lease.LeaseList;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bordered tables for list-shaped results. Streams: column widths are fixed from the first
 * {@value #SAMPLE} rows (capped at {@value #MAX_WIDTH} characters); later, longer cells are cut
 * with an ellipsis, so a million-row table needs no more memory than a thousand-row one.
 */
public final class TablePrinter extends StreamPrinter {
    static final int SAMPLE = 1000;
    static final int MAX_WIDTH = 60;

    public TablePrinter(OutputStream out) {
        super(out);
    }

    /** A table written row by row. */
    final class Table {
        private final String[] headers;
        private final List<String[]> sample = new ArrayList<>();
        private int[] widths;
        /** etcdctl's layout (tablewriter as etcdctl sets it): headers centred, cells right-aligned. */
        private boolean etcdctl;

        Table(String... headers) {
            this.headers = headers;
        }

        /** Lays this table out as etcdctl does its own (member list, endpoint status/health/hashkv). */
        Table etcdctlLayout() {
            etcdctl = true;
            return this;
        }

        void row(String... cells) {
            if (widths == null) {
                sample.add(cells);
                if (sample.size() >= SAMPLE) {
                    start();
                }
            } else {
                line(cells);
            }
        }

        private void start() {
            widths = new int[headers.length];
            for (int i = 0; i < headers.length; i++) {
                widths[i] = headers[i].length();
            }
            for (String[] r : sample) {
                for (int i = 0; i < r.length; i++) {
                    widths[i] = Math.min(MAX_WIDTH, Math.max(widths[i], r[i].length()));
                }
            }
            border();
            if (etcdctl) {
                StringBuilder sb = new StringBuilder("|");
                for (int i = 0; i < widths.length; i++) {
                    int gap = widths[i] - headers[i].length();
                    sb.append(' ')
                            .append(" ".repeat(gap / 2))
                            .append(headers[i])
                            .append(" ".repeat(gap - gap / 2))
                            .append(" |");
                }
                println(sb.toString());
            } else {
                line(headers);
            }
            border();
            sample.forEach(this::line);
            sample.clear();
        }

        void end() {
            if (widths == null) {
                start();
            }
            border();
        }

        private void border() {
            StringBuilder sb = new StringBuilder("+");
            for (int w : widths) {
                sb.append("-".repeat(w + 2)).append('+');
            }
            println(sb.toString());
        }

        private void line(String[] cells) {
            StringBuilder sb = new StringBuilder("|");
            for (int i = 0; i < widths.length; i++) {
                String c = cells[i];
                if (c.length() > widths[i]) {
                    c = c.substring(0, Math.max(0, widths[i] - 1)) + "…";
                }
                if (etcdctl) {
                    sb.append(' ')
                            .append(" ".repeat(widths[i] - c.length()))
                            .append(c)
                            .append(" |");
                } else {
                    sb.append(' ')
                            .append(c)
                            .append(" ".repeat(widths[i] - c.length()))
                            .append(" |");
                }
            }
            println(sb.toString());
        }
    }

    static String cell(byte[] b) {
        String s = Text.utf8OrNull(b);
        if (s == null) {
            s = Text.goQuote(b);
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return sb.toString();
    }

    @Override
    public RangeSink get(GetView view) {
        List<String> headers = new ArrayList<>();
        if (!view.valueOnly()) {
            headers.add("KEY");
        }
        if (!view.keysOnly()) {
            headers.add("VALUE");
        }
        headers.addAll(List.of("CREATE_REV", "MOD_REV", "VERSION", "LEASE"));
        return new RangeSink() {
            private Table table;

            @Override
            public void begin(Header header, long count) {
                table = view.countOnly() ? new Table("COUNT") : new Table(headers.toArray(new String[0]));
            }

            @Override
            public void kv(Kv kv) {
                List<String> cells = new ArrayList<>();
                if (!view.valueOnly()) {
                    cells.add(cell(kv.key()));
                }
                if (!view.keysOnly()) {
                    cells.add(cell(kv.value()));
                }
                cells.add(Long.toString(kv.createRevision()));
                cells.add(Long.toString(kv.modRevision()));
                cells.add(Long.toString(kv.version()));
                cells.add(Text.leaseHex(kv.lease()));
                table.row(cells.toArray(new String[0]));
            }

            @Override
            public void end(long count, boolean more) {
                if (view.countOnly()) {
                    table.row(Long.toString(count));
                }
                table.end();
            }
        };
    }

    @Override
    public void configList(List<ProfileRow> rows) {
        Table t = new Table("CURRENT", "NAME", "ENDPOINTS");
        for (ProfileRow r : rows) {
            t.row(r.current() ? "*" : "", r.name(), String.join(",", r.endpoints()));
        }
        t.end();
    }

    @Override
    public void version(VersionInfo v) {
        Table t = new Table("ENDPOINT", "SERVER VERSION", "ERROR");
        for (ServerVersion s : v.servers()) {
            t.row(s.endpoint(), s.version() == null ? "" : s.version(), s.error() == null ? "" : s.error());
        }
        t.end();
    }

    // ---- cluster administration: etcdctl's table headers ---------------------------------------

    @Override
    public void memberList(MemberList r) {
        Table t = new Table("ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER").etcdctlLayout();
        for (MemberInfo m : r.members()) {
            t.row(SimplePrinter.memberRow(m));
        }
        t.end();
    }

    @Override
    public void endpointStatus(List<EndpointStatus> rows) {
        Table t = new Table(
                        "ENDPOINT",
                        "ID",
                        "VERSION",
                        "DB SIZE",
                        "IS LEADER",
                        "IS LEARNER",
                        "RAFT TERM",
                        "RAFT INDEX",
                        "RAFT APPLIED INDEX",
                        "ERRORS")
                .etcdctlLayout();
        for (EndpointStatus s : rows) {
            t.row(SimplePrinter.statusRow(s));
        }
        t.end();
    }

    @Override
    public void endpointHealth(List<EndpointHealth> rows) {
        Table t = new Table("ENDPOINT", "HEALTH", "TOOK", "ERROR").etcdctlLayout();
        for (EndpointHealth h : rows) {
            t.row(
                    h.endpoint(),
                    Boolean.toString(h.healthy()),
                    Durations.format(h.took()),
                    h.error() == null ? "" : h.error());
        }
        t.end();
    }

    @Override
    public void endpointHashKv(List<EndpointHash> rows) {
        // etcdctl's table has no ERROR column (it prints no row for an endpoint that did not answer):
        // ours has one only when some endpoint did not answer
        boolean errors = rows.stream().anyMatch(h -> !h.ok());
        Table t = (errors ? new Table("ENDPOINT", "HASH", "ERROR") : new Table("ENDPOINT", "HASH")).etcdctlLayout();
        for (EndpointHash h : rows) {
            if (errors) {
                t.row(h.endpoint(), h.ok() ? Long.toString(h.hash()) : "", h.ok() ? "" : h.error());
            } else {
                t.row(h.endpoint(), Long.toString(h.hash()));
            }
        }
        t.end();
    }

    @Override
    public void leaseList(LeaseList r) {
        Table t = new Table("ID");
        for (long id : r.ids()) {
            t.row(LeaseIds.hex(id));
        }
        t.end();
    }

    @Override
    public void serviceList(io.googo.etcd.core.registry.ServiceList r) {
        Table t = new Table("ADDR", "METADATA", "LEASE", "REVISION");
        for (var i : r.instances()) {
            t.row(i.addr(), i.metadata().toString(), LeaseIds.hex(i.lease()), Long.toString(i.modRevision()));
        }
        t.end();
    }
}
