package io.googo.etcd.core.txn;

import io.googo.etcd.core.kv.DeleteResult;
import io.googo.etcd.core.kv.GetResult;
import io.googo.etcd.core.kv.Header;
import io.googo.etcd.core.kv.PutResult;
import java.util.List;

/**
 * What a transaction did: which branch ran and each of its operations' results, in the order of
 * the operations.
 */
public record TxnResult(Header header, boolean succeeded, List<OpResult> results) {

    public TxnResult {
        results = List.copyOf(results);
    }

    /** The result of one operation. */
    public sealed interface OpResult permits PutOp, GetOp, DeleteOp {}

    public record PutOp(PutResult result) implements OpResult {}

    /** A range read's result; {@code keysOnly}/{@code countOnly} are the operation's flags, for printing. */
    public record GetOp(GetResult result, boolean keysOnly, boolean countOnly) implements OpResult {}

    public record DeleteOp(DeleteResult result) implements OpResult {}
}
