package io.googo.etcd.core.client;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;

/**
 * jetcd's key-value responses as {@link DirectTransport} makes them, keeping etcd's message as it
 * came (namespace prefix included) for {@code -w protobuf}: {@link #bytes} gives its encoding.
 */
final class RawMessages {
    private RawMessages() {}

    /** A response that still has etcd's message. */
    interface Raw {
        com.google.protobuf.Message message();
    }

    static final class Get extends GetResponse implements Raw {
        Get(RangeResponse r, ByteSequence ns) {
            super(r, ns);
        }

        @Override
        public RangeResponse message() {
            return getResponse();
        }
    }

    static final class Put extends PutResponse implements Raw {
        Put(io.etcd.jetcd.api.PutResponse r, ByteSequence ns) {
            super(r, ns);
        }

        @Override
        public io.etcd.jetcd.api.PutResponse message() {
            return getResponse();
        }
    }

    static final class Delete extends DeleteResponse implements Raw {
        Delete(DeleteRangeResponse r, ByteSequence ns) {
            super(r, ns);
        }

        @Override
        public DeleteRangeResponse message() {
            return getResponse();
        }
    }

    static final class Txn extends TxnResponse implements Raw {
        Txn(io.etcd.jetcd.api.TxnResponse r, ByteSequence ns) {
            super(r, ns);
        }

        @Override
        public io.etcd.jetcd.api.TxnResponse message() {
            return getResponse();
        }
    }

    /** The protobuf encoding of the etcd message behind {@code response}. */
    static byte[] bytes(Object response) {
        if (response instanceof Raw r) {
            return r.message().toByteArray();
        }
        throw new IllegalStateException("not a response of the key-value transport: " + response);
    }
}
