package io.googo.etcd.core.kv;

/**
 * Receives a range read as it arrives, page by page, so that a huge prefix is never held in
 * memory. Called on the reading thread, in order: {@link #begin}, {@link #kv} for each pair,
 * {@link #end}.
 */
public interface RangeSink {
    /** The header of the first page; its revision is the one every page is read at. */
    void begin(Header header, long count);

    void kv(Kv kv);

    /** {@code more}: the range holds more keys than the limit let through. */
    void end(long count, boolean more);
}
