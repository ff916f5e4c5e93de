package io.googo.etcd.cli.output;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.googo.etcd.core.cluster.SnapshotStatus;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * {@code snapshot status} in each format, as etcdctl 3.4 prints it: simple
 * {@code hash, revision, keys, size} (hash in hex, size as {@code humanize.Bytes}), etcdctl's
 * right-aligned table, fields, and etcdctl-json ({@code {"hash":…,"revision":…,"totalKey":…,
 * "totalSize":…}}, byte for byte). Our json: {@code {"file":…,"hash":"<hex>","revision":…,
 * "total_keys":…,"total_size":…}}, the hash as the hex string the other formats show.
 */
public final class SnapshotStatusPrinter extends StreamPrinter {
    private final OutputFormat format;

    public SnapshotStatusPrinter(OutputFormat format, OutputStream out) {
        super(out);
        this.format = format;
    }

    public void print(Path file, SnapshotStatus s) {
        String size = Humanize.bytes(s.totalSize());
        switch (format) {
            case SIMPLE -> println(s.hashHex() + ", " + s.revision() + ", " + s.totalKeys() + ", " + size);
            case FIELDS -> {
                println("\"Hash\" : " + s.hash());
                println("\"Revision\" : " + s.revision());
                println("\"Keys\" : " + s.totalKeys());
                println("\"Size\" : " + s.totalSize());
            }
            case ETCDCTL_JSON ->
                println("{\"hash\":" + s.hash() + ",\"revision\":" + s.revision() + ",\"totalKey\":" + s.totalKeys()
                        + ",\"totalSize\":" + s.totalSize() + "}");
            case JSON ->
                println("{\"file\":\""
                        + new String(JsonStringEncoder.getInstance().quoteAsString(file.toString()))
                        + "\",\"hash\":\"" + s.hashHex() + "\",\"revision\":" + s.revision() + ",\"total_keys\":"
                        + s.totalKeys() + ",\"total_size\":" + s.totalSize() + "}");
            case TABLE ->
                table(
                        new String[] {"HASH", "REVISION", "TOTAL KEYS", "TOTAL SIZE"},
                        new String[] {s.hashHex(), Long.toString(s.revision()), Long.toString(s.totalKeys()), size});
        }
    }

    /** etcdctl's table (tablewriter): headers centred, cells right-aligned, one space of padding. */
    private void table(String[] headers, String[] cells) {
        int[] widths = new int[headers.length];
        StringBuilder border = new StringBuilder("+");
        for (int i = 0; i < headers.length; i++) {
            widths[i] = Math.max(headers[i].length(), cells[i].length());
            border.append("-".repeat(widths[i] + 2)).append('+');
        }
        StringBuilder head = new StringBuilder("|");
        StringBuilder row = new StringBuilder("|");
        for (int i = 0; i < headers.length; i++) {
            int gap = widths[i] - headers[i].length();
            head.append(' ')
                    .append(" ".repeat(gap / 2))
                    .append(headers[i])
                    .append(" ".repeat(gap - gap / 2))
                    .append(" |");
            row.append(' ')
                    .append(" ".repeat(widths[i] - cells[i].length()))
                    .append(cells[i])
                    .append(" |");
        }
        println(border.toString());
        println(head.toString());
        println(border.toString());
        println(row.toString());
        println(border.toString());
    }
}
