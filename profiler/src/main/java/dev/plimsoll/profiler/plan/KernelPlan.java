package dev.plimsoll.profiler.plan;

import java.util.List;

/**
 * Everything one profile run measures, derived from the models and layouts asked for.
 *
 * @param depth          quick or full
 * @param layouts        the model, layout and quantisation each set of shapes came from
 * @param gemms          GEMM points (every weight shape at every token count of the depth)
 * @param prefills       prefill attention points (PyTorch SDPA where installed)
 * @param decodes        decode attention points (our paged kernel)
 * @param elementwise    RMSNorm and SiLU-and-multiply points
 * @param bandwidthBytes buffer sizes of the HBM read and copy measurements
 * @param notes          what the models run that this profile does not measure, and why
 */
public record KernelPlan(ProfileDepth depth, List<String> layouts, List<GemmPoint> gemms, List<PrefillPoint> prefills,
                         List<DecodePoint> decodes, List<ElementwisePoint> elementwise, List<Long> bandwidthBytes,
                         List<String> notes) {
    public KernelPlan {
        layouts = List.copyOf(layouts);
        gemms = List.copyOf(gemms);
        prefills = List.copyOf(prefills);
        decodes = List.copyOf(decodes);
        elementwise = List.copyOf(elementwise);
        bandwidthBytes = List.copyOf(bandwidthBytes);
        notes = List.copyOf(notes);
    }

    /** Points in all, the unit of progress. */
    public int size() {
        return gemms.size() + prefills.size() + decodes.size() + elementwise.size() + 2 * bandwidthBytes.size();
    }
}
