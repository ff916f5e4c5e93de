package io.googo.etcd.cli;

import picocli.CommandLine.IVersionProvider;

/** The client version, from the jar manifest (or "dev" when run from classes). */
public final class Version implements IVersionProvider {
    public static final String API_VERSION = "3.4";

    public static String client() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"gooetcd version: " + client(), "API version: " + API_VERSION};
    }
}
