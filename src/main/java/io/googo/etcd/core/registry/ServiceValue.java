package io.googo.etcd.core.registry;

/**
 * The naming-format value of an instance without metadata, {@code {"Op":0,"Addr":ADDR,"Metadata":null}},
 * written without Jackson ({@link JsonText}): the same bytes {@link ServiceInstance#value} writes through
 * an {@code ObjectMapper}, without the several hundred classes a long-running {@code register} sidecar
 * would carry for its whole life for one string.
 */
final class ServiceValue {
    private ServiceValue() {}

    static String withoutMetadata(String addr) {
        return JsonText.quote(new StringBuilder("{\"Op\":0,\"Addr\":"), addr)
                .append(",\"Metadata\":null}")
                .toString();
    }
}
