package io.googo.etcd.core.txn;

import java.util.List;

/**
 * A transaction: if every compare holds, the success operations run, else the failure ones — all
 * at one revision, atomically.
 */
public record TxnRequest(List<Compare> compares, List<TxnOp> success, List<TxnOp> failure) {
    public TxnRequest {
        compares = List.copyOf(compares);
        success = List.copyOf(success);
        failure = List.copyOf(failure);
    }
}
