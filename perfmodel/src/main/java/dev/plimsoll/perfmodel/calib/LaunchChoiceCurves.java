package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.grid.GridCurve;
import dev.plimsoll.perfmodel.calib.grid.ShapeSet;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The curves of each kernel a launch chooses between, where a table times the same op with several
 * ({@link LaunchChoices}: TensorRT-LLM's CUTLASS and trtllm-gen NVFP4 MoE, SGLang's attention backends, on
 * Blackwell). A family's
 * curves keep the fastest row of each shape and grid point ({@link MeasuredRows#dedupe}); a launch that
 * names its kernel reads that kernel's own curve, fitted from its rows alone.
 */
final class LaunchChoiceCurves {
    private LaunchChoiceCurves() {
    }

    /**
     * Per category and kernel class (keyed {@code category#class}, {@link FamilyModel#classKey}), the
     * curves of the class's rows, for the categories whose rows come from more than one such class;
     * empty for other families and tables.
     *
     * @param labels  the family's kernel labels (shared with its other curves)
     * @param fixedMs the family's fitted fixed cost per {@link FixedCostFitter#key}
     */
    static Map<String, ShapeSet> of(KernelFamily family, Collection<KernelRow> input, ReferenceSpec reference,
                                    Map<String, Integer> labels, Map<String, Double> fixedMs) {
        Map<String, Map<String, List<KernelRow>>> grouped = new TreeMap<>();
        for (KernelRow r : input) {
            String kernelClass = LaunchChoices.classOf(family, r.kernel());
            if (!kernelClass.isEmpty()) {
                grouped.computeIfAbsent(r.category(), k -> new TreeMap<>())
                        .computeIfAbsent(kernelClass, k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, ShapeSet> out = new LinkedHashMap<>();
        grouped.forEach((category, classes) -> {
            if (classes.size() > 1) {
                classes.forEach((kernelClass, rows) -> out.put(FamilyModel.classKey(category, kernelClass),
                        shapeSet(family, MeasuredRows.dedupe(rows), reference, labels, fixedMs)));
            }
        });
        return out;
    }

    private static ShapeSet shapeSet(KernelFamily family, List<KernelRow> rows, ReferenceSpec reference,
                                     Map<String, Integer> labels, Map<String, Double> fixedMs) {
        Map<MeasuredRows.Coordinates, List<KernelRow>> shapes = new LinkedHashMap<>();
        rows.forEach(r -> shapes.computeIfAbsent(new MeasuredRows.Coordinates(r.shape()), k -> new ArrayList<>())
                .add(r));
        List<double[]> coords = new ArrayList<>();
        List<GridCurve> curves = new ArrayList<>();
        shapes.values().forEach(points -> {
            coords.add(FamilyModel.scaled(points.get(0).shape(), family.shapeAxes()));
            curves.add(FamilyModel.curve(family, points, reference, labels,
                    fixedMs.getOrDefault(FixedCostFitter.key(family, points.get(0)), Double.MAX_VALUE)));
        });
        return new ShapeSet(coords, curves);
    }
}
