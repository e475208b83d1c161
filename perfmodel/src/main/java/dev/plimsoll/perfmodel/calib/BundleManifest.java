package dev.plimsoll.perfmodel.calib;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.L2Cache;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code bundle.yaml} of a calibration bundle: which GPU and framework, the figures
 * utilisation is taken against, where the measurements come from, and per family the table file,
 * its size, the achievable (99th percentile) utilisation and the fitted fixed costs with their fit quality.
 *
 * @param format    bundle format version
 * @param gpu       Plimsoll GPU id
 * @param backend   framework id
 * @param reference GPU figures the tables were measured on
 * @param source    provenance of the measurements
 * @param license   licence of the measurements
 * @param families  one entry per table
 */
public record BundleManifest(int format, String gpu, String backend, Figures reference, String source, String license,
                             List<FamilyEntry> families) {
    public static final int FORMAT = 1;
    public static final String FILE = "bundle.yaml";

    public BundleManifest {
        families = families == null ? List.of() : List.copyOf(families);
    }

    public ReferenceSpec referenceSpec() {
        return reference.toSpec(gpu);
    }

    /**
     * @param peakFlopsPerS    dense peak per compute type (bf16, fp8, fp4, int8)
     * @param memoryBytesPerS  memory bandwidth
     * @param scaleUpBytesPerS scale-up bandwidth per GPU per direction
     * @param l2CacheBytes     L2 capacity; absent (null) in bundles of GPUs without L2 figures and in
     *                         bundles written before the field existed: the transfer then prices no
     *                         working set as L2-resident on this GPU
     * @param l2BandwidthBytesPerS sustained L2 read bandwidth; absent as above
     * @param exponentialsPerS softmax exponentials per second ({@code SoftmaxExponentials}); absent in
     *                         bundles of GPUs without that figure and in bundles written before it
     *                         existed: the transfer then moves no exponential time from or to this GPU
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(Map<String, Double> peakFlopsPerS, double memoryBytesPerS, double scaleUpBytesPerS,
                          Long l2CacheBytes, Double l2BandwidthBytesPerS, Double exponentialsPerS) {
        /** Figures without the exponential rate. */
        public Figures(Map<String, Double> peakFlopsPerS, double memoryBytesPerS, double scaleUpBytesPerS,
                       Long l2CacheBytes, Double l2BandwidthBytesPerS) {
            this(peakFlopsPerS, memoryBytesPerS, scaleUpBytesPerS, l2CacheBytes, l2BandwidthBytesPerS, null);
        }

        public static Figures of(ReferenceSpec spec) {
            Map<String, Double> peaks = new TreeMap<>();
            spec.peakFlopsPerS().forEach((d, v) -> peaks.put(d.key(), v));
            L2Cache l2 = spec.l2Cache();
            return new Figures(peaks, spec.memoryBytesPerS(), spec.scaleUpBytesPerS(),
                    l2.capacityBytes() > 0 ? l2.capacityBytes() : null,
                    l2.bandwidthBytesPerS() > 0 ? l2.bandwidthBytesPerS() : null,
                    spec.knowsExponentials() ? spec.exponentialsPerS() : null);
        }

        ReferenceSpec toSpec(String gpuId) {
            Map<ComputeDtype, Double> peaks = new EnumMap<>(ComputeDtype.class);
            peakFlopsPerS.forEach((k, v) -> peaks.put(ComputeDtype.fromKey(k.toLowerCase(Locale.ROOT)), v));
            double exponentials = exponentialsPerS == null ? 0 : exponentialsPerS;
            if (!(exponentials >= 0) || Double.isInfinite(exponentials)) {
                throw new IllegalArgumentException("exponentials_per_s must be 0 or more");
            }
            return new ReferenceSpec(gpuId, peaks, memoryBytesPerS, scaleUpBytesPerS, l2(), exponentials);
        }

        /** The L2 figures, {@link L2Cache#UNKNOWN} where absent. */
        private L2Cache l2() {
            long bytes = l2CacheBytes == null ? 0 : l2CacheBytes;
            double bw = l2BandwidthBytesPerS == null ? 0 : l2BandwidthBytesPerS;
            if (bytes < 0 || !(bw >= 0) || Double.isInfinite(bw)) {
                throw new IllegalArgumentException("l2_cache_bytes and l2_bandwidth_bytes_per_s must be 0 or more");
            }
            return new L2Cache(bytes, bw);
        }
    }

    /**
     * @param family         table family key
     * @param file           table file inside the bundle
     * @param rows           distinct measured rows
     * @param shapes         distinct measured shapes
     * @param achievableUtilisation 99th percentile of the measured utilisation per bound (compute,
     *                              memory, communication): u_max of the transfer to other GPUs
     * @param fixedCosts     least-squares fixed costs
     */
    public record FamilyEntry(String family, String file, int rows, int shapes, Map<String, Double> achievableUtilisation,
                              List<FixedCostFit> fixedCosts) {
        public FamilyEntry {
            achievableUtilisation = achievableUtilisation == null ? Map.of() : new TreeMap<>(achievableUtilisation);
            fixedCosts = fixedCosts == null ? List.of() : List.copyOf(fixedCosts);
        }
    }
}
