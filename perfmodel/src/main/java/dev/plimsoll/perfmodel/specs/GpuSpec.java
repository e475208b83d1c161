package dev.plimsoll.perfmodel.specs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One GPU type and the node it usually sits in.
 *
 * @param id                         Plimsoll id ({@code h100-sxm})
 * @param name                       marketing name
 * @param vendor                     nvidia or amd
 * @param peakFlopsPerS              dense tensor-core peak per compute type; a missing type is unsupported
 * @param memoryBytes                HBM / GDDR capacity
 * @param memoryBandwidthBytesPerS   HBM / GDDR bandwidth
 * @param scaleUpBandwidthBytesPerS  NVLink / Infinity Fabric / PCIe bandwidth per GPU per direction
 * @param scaleUpDomainGpus          GPUs in one scale-up domain (8 for HGX, 72 for NVL72)
 * @param scaleOutBandwidthBytesPerS network bandwidth per GPU per direction between domains
 * @param gpusPerNode                GPUs in one server
 * @param scaleUpLatencyUs           small-message collective latency inside the domain
 * @param scaleOutLatencyUs          small-message latency across the network
 * @param pricePerGpuHourUsd         default price, an input the user overrides
 * @param efficiency                 achieved fractions of peak for the analytic roofline
 * @param source                     where the figures come from
 * @param l2Cache                    L2 capacity and sustained bandwidth ({@link L2Cache#UNKNOWN} when the
 *                                   spec file gives none)
 * @param computeCapability          CUDA compute capability ("9.0", "10.0", ...), which engines test to pick
 *                                   kernels; "" when the spec file gives none (not an NVIDIA GPU, or unknown)
 */
public record GpuSpec(String id, String name, String vendor, Map<ComputeDtype, Double> peakFlopsPerS,
                      long memoryBytes, double memoryBandwidthBytesPerS, double scaleUpBandwidthBytesPerS,
                      int scaleUpDomainGpus, double scaleOutBandwidthBytesPerS, int gpusPerNode,
                      double scaleUpLatencyUs, double scaleOutLatencyUs, double pricePerGpuHourUsd,
                      Efficiency efficiency, String source, L2Cache l2Cache, String computeCapability) {

    public GpuSpec {
        Objects.requireNonNull(l2Cache, "l2Cache");
        Objects.requireNonNull(computeCapability, "computeCapability");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(efficiency, "efficiency");
        peakFlopsPerS = Map.copyOf(new EnumMap<>(peakFlopsPerS));
        if (!peakFlopsPerS.containsKey(ComputeDtype.BF16)) {
            throw new IllegalArgumentException("GPU " + id + " needs a bf16 peak");
        }
        if (memoryBytes <= 0 || memoryBandwidthBytesPerS <= 0 || scaleUpBandwidthBytesPerS <= 0
                || scaleUpDomainGpus <= 0 || gpusPerNode <= 0) {
            throw new IllegalArgumentException("GPU " + id + " needs positive memory, bandwidths and GPU counts");
        }
    }

    /** A GPU whose compute capability the spec does not give. */
    public GpuSpec(String id, String name, String vendor, Map<ComputeDtype, Double> peakFlopsPerS, long memoryBytes,
                   double memoryBandwidthBytesPerS, double scaleUpBandwidthBytesPerS, int scaleUpDomainGpus,
                   double scaleOutBandwidthBytesPerS, int gpusPerNode, double scaleUpLatencyUs, double scaleOutLatencyUs,
                   double pricePerGpuHourUsd, Efficiency efficiency, String source, L2Cache l2Cache) {
        this(id, name, vendor, peakFlopsPerS, memoryBytes, memoryBandwidthBytesPerS, scaleUpBandwidthBytesPerS,
                scaleUpDomainGpus, scaleOutBandwidthBytesPerS, gpusPerNode, scaleUpLatencyUs, scaleOutLatencyUs,
                pricePerGpuHourUsd, efficiency, source, l2Cache, "");
    }

    /** A GPU without L2 figures ({@link L2Cache#UNKNOWN}). */
    public GpuSpec(String id, String name, String vendor, Map<ComputeDtype, Double> peakFlopsPerS, long memoryBytes,
                   double memoryBandwidthBytesPerS, double scaleUpBandwidthBytesPerS, int scaleUpDomainGpus,
                   double scaleOutBandwidthBytesPerS, int gpusPerNode, double scaleUpLatencyUs, double scaleOutLatencyUs,
                   double pricePerGpuHourUsd, Efficiency efficiency, String source) {
        this(id, name, vendor, peakFlopsPerS, memoryBytes, memoryBandwidthBytesPerS, scaleUpBandwidthBytesPerS,
                scaleUpDomainGpus, scaleOutBandwidthBytesPerS, gpusPerNode, scaleUpLatencyUs, scaleOutLatencyUs,
                pricePerGpuHourUsd, efficiency, source, L2Cache.UNKNOWN);
    }

    public boolean supports(ComputeDtype dtype) {
        return peakFlopsPerS.containsKey(dtype);
    }

    /** Peak for a compute type; throws if the GPU has no such tensor-core path. */
    public double peakFlopsPerS(ComputeDtype dtype) {
        Double v = peakFlopsPerS.get(dtype);
        if (v == null) {
            throw new IllegalArgumentException("GPU " + id + " has no " + dtype.key() + " tensor cores");
        }
        return v;
    }

    public GpuSpec withPrice(double usdPerGpuHour) {
        return new GpuSpec(id, name, vendor, peakFlopsPerS, memoryBytes, memoryBandwidthBytesPerS,
                scaleUpBandwidthBytesPerS, scaleUpDomainGpus, scaleOutBandwidthBytesPerS, gpusPerNode,
                scaleUpLatencyUs, scaleOutLatencyUs, usdPerGpuHour, efficiency, source, l2Cache, computeCapability);
    }
}
