package io.googo.etcd.core.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.UnsafeByteOperations;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.support.Requests;
import io.etcd.jetcd.support.Util;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An etcd transaction built from etcd's own protocol messages and sent on the client's channel, for
 * what jetcd's {@code Txn} cannot express: a compare on a key's lease, a put with
 * {@code ignore_value}/{@code ignore_lease}, and puts that wrap the caller's bytes instead of copying
 * them (the bulk load). Keys are put under the client's namespace here, as jetcd does; the response
 * is jetcd's {@link TxnResponse}, which takes the namespace off again. Not thread-safe; one use.
 *
 * <p>For the core's own transactions ({@code txn}, conditional puts, {@code load}); a library user
 * has {@link EtcdClient#txn(io.googo.etcd.core.txn.TxnRequest)}.
 */
public final class ProtoTxn {
    private static final int LEASE_TARGET = 4;
    private static final int LEASE_FIELD = 8;

    private final EtcdClient client;
    private final ByteSequence ns;
    private final TxnRequest.Builder request = TxnRequest.newBuilder();

    ProtoTxn(EtcdClient client) {
        this.client = client;
        String n = client.config().namespace();
        this.ns = n == null ? ByteSequence.EMPTY : ByteSequence.from(n, StandardCharsets.UTF_8);
    }

    /**
     * Adds a compare of a number: version, create or mod revision (the lease has {@link #compareLease}).
     *
     * @param key    the key
     * @param target VERSION, CREATE or MOD
     * @param result how it compares
     * @param number the number it compares with
     * @return this
     */
    public ProtoTxn compare(byte[] key, Compare.CompareTarget target, Compare.CompareResult result, long number) {
        Compare.Builder b =
                Compare.newBuilder().setKey(key(key)).setResult(result).setTarget(target);
        switch (target) {
            case VERSION -> b.setVersion(number);
            case CREATE -> b.setCreateRevision(number);
            case MOD -> b.setModRevision(number);
            default -> throw io.googo.etcd.core.EtcdException.invalid("compare: not a number target: " + target);
        }
        request.addCompare(b.build());
        return this;
    }

    /**
     * Adds a compare of the value.
     *
     * @param key    the key
     * @param result how it compares
     * @param value  the value it compares with
     * @return this
     */
    public ProtoTxn compareValue(byte[] key, Compare.CompareResult result, byte[] value) {
        request.addCompare(Compare.newBuilder()
                .setKey(key(key))
                .setResult(result)
                .setTarget(Compare.CompareTarget.VALUE)
                .setValue(ByteString.copyFrom(value))
                .build());
        return this;
    }

    /**
     * Adds a compare of the ID of the lease attached to the key (0: none).
     *
     * @param key    the key
     * @param result how it compares
     * @param lease  the lease ID it compares with
     * @return this
     */
    public ProtoTxn compareLease(byte[] key, Compare.CompareResult result, long lease) {
        // jetcd's copy of etcd's rpc.proto predates the lease target: the enum by its number (LEASE = 4)
        // and the operand as field 8 (int64 lease of the target_union), as etcd defines them
        request.addCompare(Compare.newBuilder()
                .setKey(key(key))
                .setResult(result)
                .setTargetValue(LEASE_TARGET)
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(
                                LEASE_FIELD,
                                UnknownFieldSet.Field.newBuilder()
                                        .addVarint(lease)
                                        .build())
                        .build())
                .build());
        return this;
    }

    /**
     * Adds an operation to the success branch ({@code then}) or the failure branch.
     *
     * @param success which branch
     * @param op      the operation, from {@link #put}, {@link #get} or {@link #delete}
     * @return this
     */
    public ProtoTxn op(boolean success, RequestOp op) {
        if (success) {
            request.addSuccess(op);
        } else {
            request.addFailure(op);
        }
        return this;
    }

    /**
     * A put with every flag of etcd's PutRequest; key and value are copied.
     *
     * @param key         the key
     * @param value       the value
     * @param lease       the lease to attach, 0 for none
     * @param prevKv      return the previous pair
     * @param ignoreValue keep the current value
     * @param ignoreLease keep the current lease
     * @return the operation
     */
    public RequestOp put(
            byte[] key, byte[] value, long lease, boolean prevKv, boolean ignoreValue, boolean ignoreLease) {
        return RequestOp.newBuilder()
                .setRequestPut(PutRequest.newBuilder()
                        .setKey(key(key))
                        .setValue(ByteString.copyFrom(value))
                        .setLease(lease)
                        .setPrevKv(prevKv)
                        .setIgnoreValue(ignoreValue)
                        .setIgnoreLease(ignoreLease)
                        .build())
                .build();
    }

    /**
     * A plain put of bytes the caller hands over: wrapped, not copied, so neither may change afterwards.
     *
     * @param key   the key
     * @param value the value
     * @param lease the lease to attach, 0 for none
     * @return the operation
     */
    public RequestOp putWrapped(byte[] key, byte[] value, long lease) {
        ByteString k = UnsafeByteOperations.unsafeWrap(key);
        return RequestOp.newBuilder()
                .setRequestPut(PutRequest.newBuilder()
                        .setKey(ns.isEmpty() ? k : Util.prefixNamespace(k, ns))
                        .setValue(UnsafeByteOperations.unsafeWrap(value))
                        .setLease(lease)
                        .build())
                .build();
    }

    /**
     * A range read, as jetcd would send it.
     *
     * @param key    the key, or the start of the range
     * @param option jetcd's options (range end, limit, sort, ...)
     * @return the operation
     */
    public RequestOp get(byte[] key, GetOption option) {
        return RequestOp.newBuilder()
                .setRequestRange(Requests.mapRangeRequest(ByteSequence.from(key), option, ns))
                .build();
    }

    /**
     * A delete, as jetcd would send it.
     *
     * @param key    the key, or the start of the range
     * @param option jetcd's options (range end, prev_kv)
     * @return the operation
     */
    public RequestOp delete(byte[] key, DeleteOption option) {
        return RequestOp.newBuilder()
                .setRequestDeleteRange(Requests.mapDeleteRequest(ByteSequence.from(key), option, ns))
                .build();
    }

    /**
     * Sends the transaction (unbounded here: run it through {@link EtcdClient#call} for the deadline
     * and the error mapping). Canceling the future cancels the call.
     *
     * @return the response, keys without the namespace
     */
    public CompletableFuture<TxnResponse> commit() {
        TxnRequest r = request.build();
        // on the client's key-value transport (DirectTransport): never retried when unavailable
        CompletableFuture<io.etcd.jetcd.api.TxnResponse> sent = client.direct().txn(r, false);
        CompletableFuture<TxnResponse> result = sent.thenApply(resp -> new RawMessages.Txn(resp, ns));
        result.whenComplete((x, t) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    private ByteString key(byte[] key) {
        return Util.prefixNamespace(ByteString.copyFrom(key), ns);
    }
}
