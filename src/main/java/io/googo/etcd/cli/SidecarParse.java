package io.googo.etcd.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/** The parsing side of {@link Sidecar}, loaded by its own class loader: {@link GooEtcd#run} there. */
public final class SidecarParse {
    private SidecarParse() {}

    /** {@link GooEtcd#run} with the process's streams; returns the exit code. */
    public static int run(String[] args, OutputStream stdout, PrintWriter out, PrintWriter err) {
        return GooEtcd.run(CliContext.system(stdout), out, err, args);
    }
}
