package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.KvTransferLink;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.Locale;

/**
 * The KV-cache path of a disaggregated deployment and why it was chosen.
 *
 * @param link the bandwidth and latency of one transfer
 * @param path nvlink or rdma
 */
public record KvLinkPlan(KvTransferLink link, String path) {
    /**
     * {@code auto}: NVLink when both pools are one GPU type and all their GPUs fit in one scale-up
     * domain (an HGX node, an NVL72 rack), RDMA otherwise (NIXL over the GPUs' NICs). A transfer
     * runs over as many GPU links as the smaller worker has GPUs, at the slower GPU's speed.
     */
    static KvLinkPlan choose(String mode, PoolPlan prefill, PoolPlan decode) {
        GpuSpec p = prefill.replica().spec().gpu();
        GpuSpec d = decode.replica().spec().gpu();
        boolean sameGpu = p.id().equals(d.id());
        boolean nvlink;
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "auto":
                nvlink = sameGpu && prefill.gpus() + decode.gpus() <= p.scaleUpDomainGpus();
                break;
            case "nvlink":
                if (!sameGpu) {
                    throw new UserInputException("--kv-link nvlink needs one GPU type for both pools, got "
                            + p.id() + " and " + d.id());
                }
                nvlink = true;
                break;
            case "rdma":
                nvlink = false;
                break;
            default:
                throw new UserInputException("--kv-link must be auto, nvlink or rdma, got '" + mode + "'");
        }
        int gpus = Math.min(prefill.replica().gpus(), decode.replica().gpus());
        KvTransferLink a = KvTransferLink.between(p, gpus, nvlink);
        KvTransferLink b = KvTransferLink.between(d, gpus, nvlink);
        KvTransferLink link = new KvTransferLink(Math.min(a.bandwidthBytesPerS(), b.bandwidthBytesPerS()),
                Math.max(a.latencyMs(), b.latencyMs()));
        return new KvLinkPlan(link, nvlink ? "nvlink" : "rdma");
    }
}
