package dev.plimsoll.optimizer.sizing;

import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.perfmodel.sim.KvTransferLink;
import dev.plimsoll.perfmodel.specs.GpuSpec;

/**
 * The KV path between a prefill and a decode worker. Both in one rack-scale NVLink domain (a
 * domain larger than a server, such as GB200 NVL72) move KV over NVLink; otherwise the workers
 * sit in different servers and KV moves over RDMA, every GPU of the smaller worker sending or
 * receiving its shard over its own NIC (one 400 Gb/s NIC per GPU in HGX servers).
 */
public final class TransferLinks {
    private TransferLinks() {
    }

    public static KvTransferLink between(BuiltEngine prefill, BuiltEngine decode) {
        GpuSpec p = prefill.candidate().gpu();
        GpuSpec d = decode.candidate().gpu();
        int gpus = Math.min(prefill.gpus(), decode.gpus());
        boolean rackScale = p.id().equals(d.id()) && p.scaleUpDomainGpus() > p.gpusPerNode();
        if (rackScale) {
            return KvTransferLink.between(p, gpus, true);
        }
        double perGpu = Math.min(p.scaleOutBandwidthBytesPerS(), d.scaleOutBandwidthBytesPerS());
        double latencyMs = Math.max(p.scaleOutLatencyUs(), d.scaleOutLatencyUs()) / 1000.0;
        if (!(perGpu > 0)) {
            return KvTransferLink.between(p, gpus, true);
        }
        return new KvTransferLink(perGpu * gpus, latencyMs);
    }
}
