package io.googo.etcd.cli.option;

import io.googo.etcd.cli.output.OutputFormat;
import java.util.Arrays;
import java.util.Iterator;

/** Completion candidates of {@code -w/--write-out}: every format's flag value. */
public final class FormatCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(OutputFormat.values()).map(OutputFormat::flag).iterator();
    }
}
