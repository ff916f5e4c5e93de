package io.googo.etcd.core.config;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * {@link SrvDiscovery.SrvLookup} with the JDK's JNDI DNS provider ({@code com.sun.jndi.dns}), the
 * system's resolvers, one try within the timeout.
 */
public final class JndiSrvLookup implements SrvDiscovery.SrvLookup {
    private final String dnsUrl;

    /** With the system's DNS servers. */
    public JndiSrvLookup() {
        this("dns:");
    }

    /**
     * With the given provider URL, e.g. {@code dns://127.0.0.1:5353}.
     *
     * @param dnsUrl the JNDI DNS provider URL
     */
    public JndiSrvLookup(String dnsUrl) {
        this.dnsUrl = dnsUrl;
    }

    @Override
    public List<SrvDiscovery.SrvRecord> lookup(String name, Duration timeout) throws IOException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", dnsUrl);
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, timeout.toMillis())));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            Attributes attrs = ctx.getAttributes(name, new String[] {"SRV"});
            Attribute srv = attrs.get("SRV");
            List<SrvDiscovery.SrvRecord> out = new ArrayList<>();
            if (srv != null) {
                for (int i = 0; i < srv.size(); i++) {
                    // "priority weight port target"
                    String[] f = String.valueOf(srv.get(i)).trim().split("\\s+");
                    if (f.length == 4) {
                        out.add(new SrvDiscovery.SrvRecord(f[3], Integer.parseInt(f[2])));
                    }
                }
            }
            return out;
        } catch (NameNotFoundException ex) {
            throw new IOException("no such host", ex);
        } catch (NamingException | NumberFormatException ex) {
            throw new IOException(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage(), ex);
        } finally {
            if (ctx != null) {
                try {
                    ctx.close();
                } catch (NamingException ignored) {
                    // nothing to release
                }
            }
        }
    }
}
