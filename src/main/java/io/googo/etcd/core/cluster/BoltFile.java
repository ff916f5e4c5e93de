package io.googo.etcd.core.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.BitSet;
import java.util.zip.Checksum;

/**
 * A read-only walk over a bbolt database file (etcd's backend, and what {@code snapshot save}
 * writes), by positional reads of single pages: memory stays bounded whatever the file's size.
 *
 * <p>The format (bbolt's page layout, little-endian as written on amd64/arm64): every page starts
 * with a 16-byte header {@code id u64, flags u16, count u16, overflow u32}; a page with
 * {@code overflow} n spans n+1 consecutive pages. Pages 0 and 1 are meta pages: after the header,
 * {@code magic u32, version u32, pageSize u32, flags u32, root bucket (root pgid u64, sequence
 * u64), freelist u64, pgid u64 (the high-water mark), txid u64, checksum u64} (FNV-1a 64 over the
 * 56 bytes before the checksum); the valid meta with the higher txid is current. A branch page has
 * {@code count} elements {@code pos u32, ksize u32, pgid u64}; a leaf page has {@code flags u32,
 * pos u32, ksize u32, vsize u32}, where {@code pos} is the key's offset from the element itself and
 * the value follows the key. A leaf element with flag 1 is a bucket: its value is
 * {@code root u64, sequence u64} and, when root is 0, an inline page right after.
 *
 * <p>Every reference is checked: a page beyond the high-water mark or the file, a page reached
 * twice (which also ends any cycle), a wrong page type or id, an element outside its page, a tree
 * deeper than {@value #MAX_DEPTH} levels: each is a {@link Corrupt} naming the page.
 */
final class BoltFile {
    static final int MAGIC = 0xED0CDAED;
    static final int VERSION = 2;
    static final int PAGE_HEADER = 16;
    static final int ELEMENT = 16;
    static final int BRANCH = 0x01;
    static final int LEAF = 0x02;
    static final int META = 0x04;
    static final int BUCKET_LEAF = 0x01;
    static final int MAX_DEPTH = 64;
    /** Pages up to this size are read whole; larger (overflowed) ones are read piece by piece. */
    private static final int BUFFERED = 1 << 16;

    private static final int[] PAGE_SIZES = {4096, 8192, 16384, 32768, 65536, 1024, 2048};

    /** The file is not a sound bbolt database; the message says why. */
    static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        Corrupt(String message) {
            super(message);
        }
    }

    /** What a walk is told about: buckets, and the key/value pairs inside them. */
    interface Visitor {
        /** A top-level bucket starts; its name's bytes are in {@code page} at {@code off}. */
        void bucket(Page page, long off, int len) throws IOException, Corrupt;

        /**
         * A pair of a bucket: key and value bytes in {@code page}; {@code nested} when the pair is a
         * bucket inside the bucket (whose value is then not a value: bbolt reports it as nil).
         */
        void pair(Page page, long keyOff, int keyLen, long valueOff, int valueLen, boolean nested)
                throws IOException, Corrupt;
    }

    private final FileChannel ch;
    private final long fileSize;
    private final int pageSize;
    private final long rootPage;
    private final long highWater;
    private final BitSet seen = new BitSet();
    private final ByteBuffer scratch = ByteBuffer.allocate(BUFFERED).order(ByteOrder.LITTLE_ENDIAN);

    BoltFile(FileChannel ch) throws IOException, Corrupt {
        this.ch = ch;
        this.fileSize = ch.size();
        if (fileSize == 0) {
            throw new Corrupt("the file is empty");
        }
        ByteBuffer m0 = readMeta(0);
        String why0 = validate(m0);
        int size = why0 == null ? m0.getInt(PAGE_HEADER + 8) : 0;
        ByteBuffer m1 = null;
        String why1 = "not found";
        if (why0 == null) {
            m1 = readMeta(size);
            why1 = validate(m1);
        } else {
            // meta 0 is damaged: find meta 1 at a page size it agrees with
            for (int s : PAGE_SIZES) {
                ByteBuffer m = readMeta(s);
                if (validate(m) == null && m.getInt(PAGE_HEADER + 8) == s) {
                    m1 = m;
                    why1 = null;
                    size = s;
                    break;
                }
            }
        }
        if (why0 != null && why1 != null) {
            throw new Corrupt(
                    why0.startsWith("no ") || why0.startsWith("shorter")
                            ? "not a bbolt database (" + why0 + ")"
                            : "meta page 0: " + why0);
        }
        ByteBuffer meta;
        if (why0 == null && why1 == null) {
            meta = Long.compareUnsigned(m1.getLong(PAGE_HEADER + 48), m0.getLong(PAGE_HEADER + 48)) > 0 ? m1 : m0;
        } else {
            meta = why0 == null ? m0 : m1;
        }
        this.pageSize = size;
        this.rootPage = meta.getLong(PAGE_HEADER + 16);
        this.highWater = meta.getLong(PAGE_HEADER + 40);
        if (highWater < 2 || highWater > Integer.MAX_VALUE) {
            throw new Corrupt("meta page: page count " + Long.toUnsignedString(highWater) + " is impossible");
        }
        if (fileSize < highWater * pageSize) {
            throw new Corrupt("the file is truncated: its " + highWater + " pages of " + pageSize + " bytes need "
                    + highWater * pageSize + " bytes, it has " + fileSize);
        }
    }

    /** The database's size as bbolt reports it: the high-water mark times the page size. */
    long size() {
        return highWater * pageSize;
    }

    private ByteBuffer readMeta(long offset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(PAGE_HEADER + 64).order(ByteOrder.LITTLE_ENDIAN);
        if (offset + b.capacity() > fileSize) {
            return null;
        }
        readFully(b, offset);
        return b.flip();
    }

    /** Why this meta page is not valid, or null. */
    private static String validate(ByteBuffer m) {
        if (m == null) {
            return "shorter than a meta page";
        }
        int magic = m.getInt(PAGE_HEADER);
        if (magic != MAGIC) {
            return Integer.reverseBytes(magic) == MAGIC
                    ? "no little-endian meta page: written on a big-endian machine"
                    : "no bbolt magic number";
        }
        if ((m.getShort(8) & META) == 0) {
            return "not a meta page (flags " + Integer.toHexString(m.getShort(8) & 0xffff) + ")";
        }
        int version = m.getInt(PAGE_HEADER + 4);
        if (version != VERSION) {
            return "bbolt format version " + version + ", expected " + VERSION;
        }
        long checksum = m.getLong(PAGE_HEADER + 56);
        if (checksum != 0 && checksum != fnv64a(m, PAGE_HEADER, 56)) {
            return "checksum mismatch";
        }
        int pageSize = m.getInt(PAGE_HEADER + 8);
        if (pageSize < 1024 || pageSize > BUFFERED || Integer.bitCount(pageSize) != 1) {
            return "page size " + Integer.toUnsignedString(pageSize) + " is not a power of two from 1 KiB to 64 KiB";
        }
        return null;
    }

    private static long fnv64a(ByteBuffer b, int from, int len) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < from + len; i++) {
            h ^= b.get(i) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private void readFully(ByteBuffer b, long offset) throws IOException {
        long pos = offset;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    /** Walks the root bucket and every bucket in it, in key order (bbolt's iteration order). */
    void walk(Visitor v) throws IOException, Corrupt {
        Page root = page(rootPage, "the root bucket");
        leaves(root, 0, "the root bucket", (p, e) -> {
            long keyOff = e + p.u32(e + 4);
            int keyLen = p.len(e + 8);
            long valueOff = keyOff + keyLen;
            int valueLen = p.len(e + 12);
            p.check(keyOff, (long) keyLen + valueLen, "a key or value");
            String name = "bucket at page " + p.id;
            if ((p.u32(e) & BUCKET_LEAF) == 0) {
                throw new Corrupt("page " + p.id + ": a key of the root bucket is not a bucket");
            }
            v.bucket(p, keyOff, keyLen);
            bucket(p, valueOff, valueLen, 1, name, v);
        });
    }

    private void bucket(Page p, long valueOff, int valueLen, int depth, String what, Visitor v)
            throws IOException, Corrupt {
        if (valueLen < 16) {
            throw new Corrupt("page " + p.id + ": a bucket value of " + valueLen + " bytes");
        }
        long root = p.u64(valueOff);
        Page top;
        if (root == 0) {
            top = new Page(p, valueOff + 16, valueLen - 16);
        } else {
            top = page(root, what);
        }
        leaves(top, depth, what, (q, e) -> {
            long keyOff = e + q.u32(e + 4);
            int keyLen = q.len(e + 8);
            long vOff = keyOff + keyLen;
            int vLen = q.len(e + 12);
            q.check(keyOff, (long) keyLen + vLen, "a key or value");
            boolean nested = (q.u32(e) & BUCKET_LEAF) != 0;
            v.pair(q, keyOff, keyLen, vOff, vLen, nested);
        });
    }

    @FunctionalInterface
    private interface Element {
        void at(Page p, long elementOffset) throws IOException, Corrupt;
    }

    /** Calls {@code e} for each leaf element under {@code p}, depth first, in order. */
    private void leaves(Page p, int depth, String what, Element e) throws IOException, Corrupt {
        if (depth > MAX_DEPTH) {
            throw new Corrupt("page " + p.id + ": " + what + " is deeper than " + MAX_DEPTH + " levels");
        }
        p.check(PAGE_HEADER, (long) p.count * ELEMENT, "its element list");
        if (p.flags == LEAF) {
            for (int i = 0; i < p.count; i++) {
                e.at(p, PAGE_HEADER + (long) i * ELEMENT);
            }
        } else if (p.flags == BRANCH) {
            for (int i = 0; i < p.count; i++) {
                long child = p.u64(PAGE_HEADER + (long) i * ELEMENT + 8);
                leaves(page(child, what), depth + 1, what, e);
            }
        } else {
            throw new Corrupt("page " + p.id + ": " + what + " has a page of type " + Integer.toHexString(p.flags)
                    + ", not a branch or leaf");
        }
    }

    /** Page {@code id}, checked and marked as seen (so a second reference is corruption). */
    private Page page(long id, String what) throws IOException, Corrupt {
        if (id < 2 || id >= highWater) {
            throw new Corrupt(what + ": page " + Long.toUnsignedString(id) + " is out of bounds (the database has "
                    + highWater + " pages)");
        }
        // one read for the usual page; an overflowed one is read whole only when small
        ByteBuffer h = ByteBuffer.allocate(pageSize).order(ByteOrder.LITTLE_ENDIAN);
        readFully(h, id * pageSize);
        long self = h.getLong(0);
        int flags = h.getShort(8) & 0xffff;
        int count = h.getShort(10) & 0xffff;
        long overflow = h.getInt(12) & 0xffffffffL;
        if (self != id) {
            throw new Corrupt("page " + id + " says it is page " + Long.toUnsignedString(self));
        }
        if (id + overflow >= highWater) {
            throw new Corrupt("page " + id + ": its " + overflow + " overflow pages go beyond the database's "
                    + highWater + " pages");
        }
        int next = seen.nextSetBit((int) id);
        if (next >= 0 && next <= id + overflow) {
            throw new Corrupt("page " + next + " is referenced twice (" + what + ")");
        }
        seen.set((int) id, (int) (id + overflow + 1));
        long length = (overflow + 1) * pageSize;
        Page p = new Page(id, flags, count, id * pageSize, length);
        if (overflow == 0) {
            p.buf = h.flip();
        } else if (length <= BUFFERED) {
            ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
            b.put(h.flip());
            readFully(b, id * pageSize + pageSize);
            p.buf = b.flip();
        }
        return p;
    }

    /**
     * A page: a region of the file, held in memory when small, else read in pieces. Offsets are
     * relative to the page's start.
     */
    final class Page {
        final long id;
        final int flags;
        final int count;
        final long start;
        final long length;
        ByteBuffer buf;

        Page(long id, int flags, int count, long start, long length) {
            this.id = id;
            this.flags = flags;
            this.count = count;
            this.start = start;
            this.length = length;
        }

        /** An inline page: the bytes at {@code off} in {@code parent}'s value. */
        Page(Page parent, long off, long length) throws IOException, Corrupt {
            this.id = parent.id;
            this.start = parent.start + off;
            this.length = length;
            this.buf = parent.buf == null
                    ? null
                    : parent.buf.slice((int) off, (int) length).order(ByteOrder.LITTLE_ENDIAN);
            if (length < PAGE_HEADER) {
                throw new Corrupt("page " + id + ": an inline bucket of " + length + " bytes");
            }
            this.flags = u16(8);
            this.count = u16(10);
        }

        void check(long off, long len, String what) throws Corrupt {
            if (off < 0 || len < 0 || off + len > length) {
                throw new Corrupt("page " + id + ": " + what + " lies outside the page");
            }
        }

        /** The buffer holding the {@code n} bytes at {@code off}, and where in it they start. */
        private ByteBuffer at(long off, int n) throws IOException, Corrupt {
            check(off, n, "a field");
            if (buf != null) {
                return buf;
            }
            ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            readFully(b, start + off);
            return b.flip();
        }

        private int index(long off) {
            return buf != null ? (int) off : 0;
        }

        int u16(long off) throws IOException, Corrupt {
            return at(off, 2).getShort(index(off)) & 0xffff;
        }

        long u32(long off) throws IOException, Corrupt {
            return at(off, 4).getInt(index(off)) & 0xffffffffL;
        }

        /** A u32 length, as an int (a length over 2 GiB cannot lie in a page of a sane file). */
        int len(long off) throws IOException, Corrupt {
            long n = u32(off);
            if (n > Integer.MAX_VALUE) {
                throw new Corrupt("page " + id + ": a key or value of " + n + " bytes");
            }
            return (int) n;
        }

        long u64(long off) throws IOException, Corrupt {
            return at(off, 8).getLong(index(off));
        }

        /** The first bytes (at most {@code n}) at {@code off}, for a caller that needs to look at them. */
        byte[] bytes(long off, int n) throws IOException, Corrupt {
            ByteBuffer b = at(off, n);
            byte[] out = new byte[n];
            b.get(index(off), out);
            return out;
        }

        /** Feeds {@code len} bytes at {@code off} to {@code sum}, through a fixed buffer when not in memory. */
        void update(Checksum sum, long off, long len) throws IOException, Corrupt {
            check(off, len, "a key or value");
            if (buf != null) {
                sum.update(buf.slice((int) off, (int) len));
                return;
            }
            long pos = start + off;
            long left = len;
            while (left > 0) {
                scratch.clear().limit((int) Math.min(left, scratch.capacity()));
                readFully(scratch, pos);
                scratch.flip();
                pos += scratch.remaining();
                left -= scratch.remaining();
                sum.update(scratch);
            }
        }
    }
}
