package io.googo.etcd.core.cluster;

import io.googo.etcd.core.EtcdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * What {@code etcdctl snapshot status} reports about a snapshot file (or a member's {@code db}
 * file), computed the same way as etcd 3.4's {@code snapshot.Status}: read straight from the bbolt
 * file, without a server.
 *
 * @param hash      CRC-32C (Castagnoli) over, for each top-level bucket in key order, its name and
 *                  then each of its keys and values in key order; an unsigned 32-bit value
 * @param revision  the main revision of the last key of etcd's {@code key} bucket (0 if empty)
 * @param totalKeys the number of key/value pairs in all buckets (etcd's own metadata included)
 * @param totalSize the database size as bbolt reports it: its page count times its page size
 */
public record SnapshotStatus(long hash, long revision, long totalKeys, long totalSize) {
    private static final byte[] KEY_BUCKET = {'k', 'e', 'y'};

    /**
     * Reads the status of the bbolt database in {@code file}. Reads page by page, so memory stays
     * bounded whatever the file's size; every page reference is checked.
     *
     * @throws EtcdException IO if the file cannot be read (missing, a directory, no permission);
     *                       INVALID_INPUT if it is not a sound bbolt database (empty, truncated,
     *                       corrupt, another kind of file), with a message that says why
     */
    public static SnapshotStatus read(Path file) {
        String what = "snapshot status " + file;
        if (Files.isDirectory(file)) {
            throw EtcdException.io(what + ": is a directory", null);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            BoltFile db = new BoltFile(ch);
            Totals t = new Totals();
            db.walk(t);
            return new SnapshotStatus(t.crc.getValue(), t.revision, t.keys, db.size());
        } catch (BoltFile.Corrupt e) {
            throw EtcdException.invalid(what + ": not a valid etcd snapshot: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw EtcdException.io(what + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw EtcdException.io(what + ": permission denied", e);
        } catch (IOException e) {
            throw EtcdException.io(what + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The hash as etcdctl prints it: lowercase hex without leading zeros. */
    public String hashHex() {
        return Long.toHexString(hash);
    }

    private static final class Totals implements BoltFile.Visitor {
        final CRC32C crc = new CRC32C();
        long revision;
        long keys;
        boolean inKeyBucket;

        @Override
        public void bucket(BoltFile.Page page, long off, int len) throws IOException, BoltFile.Corrupt {
            page.update(crc, off, len);
            inKeyBucket = len == KEY_BUCKET.length && Arrays.equals(page.bytes(off, len), KEY_BUCKET);
        }

        @Override
        public void pair(BoltFile.Page page, long keyOff, int keyLen, long valueOff, int valueLen, boolean nested)
                throws IOException, BoltFile.Corrupt {
            page.update(crc, keyOff, keyLen);
            if (!nested) {
                page.update(crc, valueOff, valueLen);
            }
            if (inKeyBucket) {
                if (keyLen < 8) {
                    throw new BoltFile.Corrupt(
                            "page " + page.id + ": a key of the key bucket has " + keyLen + " bytes, not a revision");
                }
                revision = ByteBuffer.wrap(page.bytes(keyOff, 8)).getLong();
            }
            keys++;
        }
    }
}
