package io.etcd.jetcd.op;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.UnsafeByteOperations;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.support.Util;

/**
 * goo-etcd's two additions to jetcd's transaction building, for what etcd's API has and jetcd's
 * {@link Cmp} and {@link Op} cannot express: a compare on a key's lease, a put with
 * {@code ignore_value}/{@code ignore_lease}, and a put that does not copy its key and value.
 *
 * <p>This class lives in jetcd's package because {@code Cmp.toCompare} and {@code Op.toRequestOp},
 * which turn them into protocol messages, are package-private; the subclasses below override them.
 * That works wherever goo-etcd and jetcd share a class loader (the shaded jar, the test class
 * path). Nothing else of goo-etcd may live here.
 */
public final class GooEtcdOps {
    private GooEtcdOps() {
    }

    /** {@code lease(key) op lease}: compares the ID of the lease attached to the key (0: none). */
    public static Cmp leaseCompare(ByteSequence key, Cmp.Op op, long lease) {
        return new LeaseCmp(key, op, lease);
    }

    /** A put with every flag of etcd's PutRequest. */
    public static Op put(ByteSequence key, ByteSequence value, long lease, boolean prevKv, boolean ignoreValue,
            boolean ignoreLease) {
        return new FullPutOp(ByteString.copyFrom(key.getBytes()), ByteString.copyFrom(value.getBytes()), lease, prevKv,
                ignoreValue, ignoreLease);
    }

    /**
     * A plain put of a key and value that the caller hands over: they are wrapped, not copied,
     * so neither may change afterwards (the bulk load's many puts).
     */
    public static Op put(byte[] key, byte[] value, long lease) {
        return new FullPutOp(UnsafeByteOperations.unsafeWrap(key), UnsafeByteOperations.unsafeWrap(value), lease, false,
                false, false);
    }

    static final class LeaseCmp extends Cmp {
        private static final int LEASE_TARGET = 4;
        private static final int LEASE_FIELD = 8;
        private final ByteString key;
        private final Cmp.Op op;
        private final long lease;

        LeaseCmp(ByteSequence key, Cmp.Op op, long lease) {
            super(key, op, CmpTarget.version(0));
            this.key = ByteString.copyFrom(key.getBytes());
            this.op = op;
            this.lease = lease;
        }

        @Override
        Compare toCompare(ByteSequence namespace) {
            Compare.CompareResult result = switch (op) {
                case EQUAL -> Compare.CompareResult.EQUAL;
                case NOT_EQUAL -> Compare.CompareResult.NOT_EQUAL;
                case LESS -> Compare.CompareResult.LESS;
                case GREATER -> Compare.CompareResult.GREATER;
            };
            // jetcd's copy of etcd's rpc.proto predates the lease target: set the enum by its number
            // (LEASE = 4) and the operand as field 8 (int64 lease of the target_union), as etcd defines them.
            return Compare.newBuilder()
                    .setKey(Util.prefixNamespace(key, namespace))
                    .setResult(result)
                    .setTargetValue(LEASE_TARGET)
                    .setUnknownFields(UnknownFieldSet.newBuilder()
                            .addField(LEASE_FIELD, UnknownFieldSet.Field.newBuilder().addVarint(lease).build())
                            .build())
                    .build();
        }
    }

    static final class FullPutOp extends Op {
        private final ByteString value;
        private final long lease;
        private final boolean prevKv;
        private final boolean ignoreValue;
        private final boolean ignoreLease;

        FullPutOp(ByteString key, ByteString value, long lease, boolean prevKv, boolean ignoreValue,
                boolean ignoreLease) {
            super(Type.PUT, key);
            this.value = value;
            this.lease = lease;
            this.prevKv = prevKv;
            this.ignoreValue = ignoreValue;
            this.ignoreLease = ignoreLease;
        }

        @Override
        RequestOp toRequestOp(ByteSequence namespace) {
            return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                    .setKey(Util.prefixNamespace(key, namespace))
                    .setValue(value)
                    .setLease(lease)
                    .setPrevKv(prevKv)
                    .setIgnoreValue(ignoreValue)
                    .setIgnoreLease(ignoreLease)
                    .build()).build();
        }
    }
}
