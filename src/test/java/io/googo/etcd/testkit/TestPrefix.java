package io.googo.etcd.testkit;

import java.util.Objects;

/**
 * A key prefix of one's own, such as {@code /t-1a2b3c4d/}, so that tests sharing a server never see each
 * other's keys. {@link EtcdExtension} and {@link EtcdClusterExtension} inject a fresh one into every test
 * method (the same one into that test's {@code @BeforeEach} and {@code @AfterEach} methods).
 */
public record TestPrefix(String value) {

    public TestPrefix {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty prefix");
        }
    }

    /** A new prefix {@code /t-<8 random hex digits>/}. */
    public static TestPrefix random() {
        return new TestPrefix("/t-" + KitSupport.randomHex(4) + "/");
    }

    /** {@code value + name}, e.g. {@code key("a")} is {@code /t-1a2b3c4d/a}. */
    public String key(String name) {
        return value + name;
    }

    /** The prefix itself. */
    @Override
    public String toString() {
        return value;
    }
}
