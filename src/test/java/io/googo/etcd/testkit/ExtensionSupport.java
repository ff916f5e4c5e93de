package io.googo.etcd.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/** What {@link EtcdExtension} and {@link EtcdClusterExtension} share. */
final class ExtensionSupport {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create("io.googo.etcd.testkit");
    private static final String PREFIX_OWNER = "prefix-owner";

    private ExtensionSupport() {}

    /**
     * The first etcd extension to start in a test class resolves {@link TestPrefix} parameters for it, so
     * that a class using both extensions does not get two competing resolvers.
     */
    static void claimPrefix(ExtensionContext classContext, Object extension) {
        classContext.getStore(NAMESPACE).getOrComputeIfAbsent(PREFIX_OWNER, k -> extension);
    }

    static boolean resolvesPrefix(ExtensionContext context, Object extension) {
        Object owner = context.getStore(NAMESPACE).get(PREFIX_OWNER);
        return owner == null || owner == extension;
    }

    /** One prefix per extension context: a test method and its before/after-each methods share it. */
    static TestPrefix prefixFor(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent("prefix:" + context.getUniqueId(), k -> TestPrefix.random(), TestPrefix.class);
    }

    static boolean failed(ExtensionContext context) {
        return context.getExecutionException().isPresent();
    }
}
