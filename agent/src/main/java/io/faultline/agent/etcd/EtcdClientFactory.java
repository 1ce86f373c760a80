package io.faultline.agent.etcd;

import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.ClientFactory;

/**
 * Clients of etcd 3.4 ({@code workload.client: etcd}), each talking to its own node's member through the v3
 * JSON gateway. They serve the register workloads (register, cas-register, kv): every key is an etcd key
 * {@code /faultline/<key>} (a nil key is {@code /faultline/faultline}) holding a decimal integer.
 * <ul>
 *   <li>{@code read} → ok the value, nil if the key is absent;</li>
 *   <li>{@code write v} → ok v;</li>
 *   <li>{@code cas [from to]} → ok [from to], or fail without error when the key did not hold {@code from};</li>
 *   <li>{@code txn} (list-append with data-type list, rw-register) → ok with the reads filled in, or fail
 *       {@code conflict} when another transaction changed a key it named first (see {@link EtcdTxn}).</li>
 * </ul>
 * Options: {@code endpoint} (default {@code http://<this node's data address>:2379}, else
 * {@code http://127.0.0.1:2379}), {@code serializable-reads} (default
 * false: reads go through consensus; true: the member answers from its own copy, possibly stale),
 * {@code timeout-ms} (the workload timeout, default 1000; requests give up a little earlier).
 *
 * <p>Errors: fail {@code connection-refused} when the connection is refused or the host unreachable, so
 * nothing was sent; any other error (timeout, reset, an HTTP or gRPC error) is a fail for a read, which
 * changes nothing, and info for a write or cas, which may have taken effect. An unknown f or a malformed
 * value is a failed future.
 */
public final class EtcdClientFactory implements ClientFactory {

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public Client open(ClientContext context) {
        EtcdSettings settings = EtcdSettings.from(context.dataAddress(), context.options());
        return new EtcdClient(context.vertx(), settings);
    }
}
