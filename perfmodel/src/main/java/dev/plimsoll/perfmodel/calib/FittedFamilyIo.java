package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.grid.GridCurve;
import dev.plimsoll.perfmodel.calib.grid.ShapeSet;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.cost.Bound;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.plimsoll.perfmodel.calib.FitBinary.count;
import static dev.plimsoll.perfmodel.calib.FitBinary.doubles;
import static dev.plimsoll.perfmodel.calib.FitBinary.string;

/**
 * The prebuilt ("fitted") form of one {@link FamilyModel}: exactly the numbers the model consults
 * after {@link FamilyModel#build} (per category its measured shapes, each shape's grid curve with
 * its fixed part, the kernel-class subsets, the achievable utilisations, the host-bound categories
 * and the fixed-cost fits), in a flat binary layout that reads back without parsing text or
 * fitting anything. Doubles are stored bit for bit, so a model read back predicts exactly what the
 * model it was written from predicts. Shipped bundles carry one file per family, written at build
 * time by {@link FittedBundleGenerator}.
 *
 * <p>Layout (big-endian): magic, version, family key, the key of the inputs it was built from,
 * distinct rows, utilisations, host-bound categories, fits, a pool of distinct grid axes (GEMM
 * curves share one token axis, attention curves a few), the value block, then per category its
 * shapes and curves (a curve: fixed part, axis indices into the pool; its values row-major with NaN
 * holes and its labels are the next ones of the value block), then the kernel-class sets with curves
 * of their own (a launch's choice of kernel fitted from its rows, {@link LaunchChoiceCurves}) laid out
 * as categories, then the kernel-class subsets as indices into their category. The curves' values and labels sit in
 * one block before the categories, the values split into byte planes (which compress 12% better).
 */
public final class FittedFamilyIo {
    /** File name suffix of a prebuilt family, replacing the table's {@code .csv.gz}. */
    public static final String SUFFIX = ".fit";
    private static final int MAGIC = 0x504C4654; // "PLFT"
    /** Bumped whenever the layout changes; a file of another version is refused. */
    static final int VERSION = 2;

    private FittedFamilyIo() {
    }

    /** The prebuilt file name beside a table: {@code gemm_vllm.csv.gz -> gemm_vllm.fit}. */
    public static String fileName(String tableFile) {
        String base = tableFile.endsWith(".csv.gz") ? tableFile.substring(0, tableFile.length() - ".csv.gz".length())
                : tableFile.endsWith(".csv") ? tableFile.substring(0, tableFile.length() - ".csv".length()) : tableFile;
        return base + SUFFIX;
    }

    /**
     * @param inputKey what the model was built from (checked by whoever reads it back; "" if nothing)
     */
    public static byte[] write(FamilyModel model, String inputKey) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            string(out, model.family().key());
            string(out, inputKey);
            out.writeInt(model.rows());
            Map<Bound, Double> umax = new EnumMap<>(model.achievableUtilisation());
            out.writeInt(umax.size());
            for (Map.Entry<Bound, Double> e : umax.entrySet()) {
                string(out, e.getKey().name());
                out.writeDouble(e.getValue());
            }
            Set<String> hostBound = new TreeSet<>(model.hostBoundCategories());
            out.writeInt(hostBound.size());
            for (String c : hostBound) {
                string(out, c);
            }
            FitBinary.fixedCosts(out, model.fixedCosts());
            AxisPool pool = new AxisPool();
            Map<String, ShapeSet> ownCurves = ownCurveSets(model);
            for (ShapeSet set : stored(model, ownCurves)) {
                for (int i = 0; i < set.size(); i++) {
                    GridCurve c = set.curve(i);
                    for (int a = 0; a < c.dimensions(); a++) {
                        pool.index(c.axis(a));
                    }
                }
            }
            out.writeInt(pool.axes.size());
            for (double[] axis : pool.axes) {
                doubles(out, axis);
            }
            valueBlock(out, stored(model, ownCurves));
            Map<String, Integer> categoryIndex = new HashMap<>();
            out.writeInt(model.shapeSets().size());
            for (Map.Entry<String, ShapeSet> e : model.shapeSets().entrySet()) {
                categoryIndex.put(e.getKey(), categoryIndex.size());
                string(out, e.getKey());
                shapeSet(out, e.getValue(), pool);
            }
            out.writeInt(ownCurves.size());
            for (Map.Entry<String, ShapeSet> e : ownCurves.entrySet()) {
                string(out, e.getKey());
                shapeSet(out, e.getValue(), pool);
            }
            out.writeInt(model.kernelClassSets().size() - ownCurves.size());
            for (Map.Entry<String, ShapeSet> e : model.kernelClassSets().entrySet()) {
                if (ownCurves.containsKey(e.getKey())) {
                    continue;
                }
                String category = e.getKey().substring(0, e.getKey().lastIndexOf('#'));
                ShapeSet whole = model.shapeSets().get(category);
                Map<GridCurve, Integer> position = new IdentityHashMap<>();
                for (int i = 0; i < whole.size(); i++) {
                    position.put(whole.curve(i), i);
                }
                string(out, e.getKey());
                out.writeInt(categoryIndex.get(category));
                ShapeSet subset = e.getValue();
                out.writeInt(subset.size());
                for (int i = 0; i < subset.size(); i++) {
                    out.writeInt(position.get(subset.curve(i)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void shapeSet(DataOutputStream out, ShapeSet set, AxisPool pool) throws IOException {
        out.writeInt(set.size());
        out.writeInt(set.size() == 0 ? 0 : set.shape(0).length);
        for (int i = 0; i < set.size(); i++) {
            for (double v : set.shape(i)) {
                out.writeDouble(v);
            }
        }
        for (int i = 0; i < set.size(); i++) {
            GridCurve c = set.curve(i);
            out.writeDouble(c.floorMs());
            out.writeInt(c.dimensions());
            for (int a = 0; a < c.dimensions(); a++) {
                out.writeInt(pool.index(c.axis(a)));
            }
        }
    }

    /** The kernel-class sets whose curves are not their category's (a launch choice's own fit). */
    private static Map<String, ShapeSet> ownCurveSets(FamilyModel model) {
        Map<String, ShapeSet> own = new LinkedHashMap<>();
        for (Map.Entry<String, ShapeSet> e : model.kernelClassSets().entrySet()) {
            ShapeSet whole = model.shapeSets().get(e.getKey().substring(0, e.getKey().lastIndexOf('#')));
            Set<GridCurve> inCategory = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; whole != null && i < whole.size(); i++) {
                inCategory.add(whole.curve(i));
            }
            ShapeSet subset = e.getValue();
            for (int i = 0; i < subset.size(); i++) {
                if (!inCategory.contains(subset.curve(i))) {
                    own.put(e.getKey(), subset);
                    break;
                }
            }
        }
        return own;
    }

    /** The sets whose curves the file stores: the categories, then the class sets with curves of their own. */
    private static List<ShapeSet> stored(FamilyModel model, Map<String, ShapeSet> ownCurves) {
        List<ShapeSet> sets = new ArrayList<>(model.shapeSets().values());
        sets.addAll(ownCurves.values());
        return sets;
    }

    /**
     * Every stored curve's values, in the order of the sets given, byte-plane by byte-plane (all
     * first bytes, then all second bytes...: signs and exponents sit together and compress, the jar
     * holds the file deflated), then every label.
     */
    private static void valueBlock(DataOutputStream out, List<ShapeSet> sets) throws IOException {
        List<GridCurve> curves = new ArrayList<>();
        int n = 0;
        for (ShapeSet set : sets) {
            for (int i = 0; i < set.size(); i++) {
                curves.add(set.curve(i));
                n = Math.addExact(n, set.curve(i).denseValues().length);
            }
        }
        byte[] planes = new byte[Math.multiplyExact(8, n)];
        int at = 0;
        for (GridCurve c : curves) {
            for (double v : c.denseValues()) {
                long bits = Double.doubleToRawLongBits(v);
                for (int b = 0; b < 8; b++) {
                    planes[b * n + at] = (byte) (bits >>> (56 - 8 * b));
                }
                at++;
            }
        }
        out.writeInt(n);
        out.write(planes);
        for (GridCurve c : curves) {
            for (short l : c.denseLabels()) {
                out.writeShort(l);
            }
        }
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @param reference the figures the bundle was measured on (from its manifest)
     * @param source    name used in messages
     * @throws IllegalStateException when the bytes are not a prebuilt family of this version
     */
    public static Read read(byte[] data, ReferenceSpec reference, String source) {
        try {
            return decode(ByteBuffer.wrap(data), reference, source);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalStateException(source + ": damaged prebuilt calibration (" + e + ")", e);
        }
    }

    /**
     * The input key of a prebuilt file (what {@link #write} was given), reading its header only.
     *
     * @throws IllegalStateException when the bytes are not a prebuilt family of this version
     */
    public static String inputKey(byte[] data) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            header(in, "prebuilt calibration");
            return string(in);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("damaged prebuilt calibration (" + e + ")", e);
        }
    }

    /** Checks magic and version; returns the family. */
    private static KernelFamily header(ByteBuffer in, String source) {
        if (in.remaining() < 8 || in.getInt() != MAGIC) {
            throw new IllegalStateException(source + ": not a prebuilt calibration file");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalStateException(source + ": prebuilt calibration version " + version + ", expected "
                    + VERSION);
        }
        String familyKey = string(in);
        return KernelFamily.fromKey(familyKey).orElseThrow(
                () -> new IllegalStateException(source + ": unknown kernel family " + familyKey));
    }

    /**
     * A model read back.
     *
     * @param model    the model
     * @param inputKey what it was built from, as given to {@link #write}
     */
    public record Read(FamilyModel model, String inputKey) {
    }

    private static Read decode(ByteBuffer in, ReferenceSpec reference, String source) {
        KernelFamily family = header(in, source);
        String inputKey = string(in);
        int rows = in.getInt();
        Map<Bound, Double> umax = new EnumMap<>(Bound.class);
        for (int i = count(in); i > 0; i--) {
            umax.put(Bound.valueOf(string(in)), in.getDouble());
        }
        Set<String> hostBound = new TreeSet<>();
        for (int i = count(in); i > 0; i--) {
            hostBound.add(string(in));
        }
        List<FixedCostFit> fits = FitBinary.fixedCosts(in);
        double[][] axes = new double[count(in)][];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = doubles(in);
        }
        ValueBlock block = ValueBlock.read(in);
        int nCategories = count(in);
        Map<String, ShapeSet> categories = new LinkedHashMap<>();
        List<ShapeSet> byIndex = new ArrayList<>(nCategories);
        for (int i = 0; i < nCategories; i++) {
            String name = string(in);
            ShapeSet set = shapeSet(in, axes, block);
            categories.put(name, set);
            byIndex.add(set);
        }
        Map<String, ShapeSet> kernelClasses = new LinkedHashMap<>();
        for (int i = count(in); i > 0; i--) {
            String key = string(in);
            kernelClasses.put(key, shapeSet(in, axes, block));
        }
        for (int i = count(in); i > 0; i--) {
            String key = string(in);
            ShapeSet whole = byIndex.get(in.getInt());
            int n = count(in);
            List<double[]> shapes = new ArrayList<>(n);
            List<GridCurve> curves = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                int at = in.getInt();
                shapes.add(whole.shape(at));
                curves.add(whole.curve(at));
            }
            kernelClasses.put(key, new ShapeSet(shapes, curves));
        }
        if (!block.used()) {
            throw new IllegalStateException(source + ": values left over after the curves");
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException(source + ": " + in.remaining() + " bytes after the prebuilt calibration");
        }
        return new Read(FamilyModel.of(family, reference, categories, kernelClasses, umax, hostBound, rows, fits),
                inputKey);
    }

    private static ShapeSet shapeSet(ByteBuffer in, double[][] axes, ValueBlock block) {
        int n = count(in);
        int dims = count(in);
        List<double[]> shapes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            shapes.add(doubles(in, dims));
        }
        List<GridCurve> curves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double floorMs = in.getDouble();
            double[][] own = new double[count(in)][];
            int size = 1;
            for (int a = 0; a < own.length; a++) {
                own[a] = axes[in.getInt()];
                size = Math.multiplyExact(size, own[a].length);
            }
            curves.add(GridCurve.ofDense(own, block.values(size), block.labels(size), floorMs));
        }
        return new ShapeSet(shapes, curves);
    }

    /** The values and labels of every curve, handed out in order. */
    private static final class ValueBlock {
        private final byte[] planes;
        private final int base;
        private final int size;
        private final short[] labels;
        private int nextValue;
        private int nextLabel;

        private ValueBlock(byte[] planes, int base, int size, short[] labels) {
            this.planes = planes;
            this.base = base;
            this.size = size;
            this.labels = labels;
        }

        static ValueBlock read(ByteBuffer in) {
            int n = count(in);
            if ((long) n * 10 > in.remaining()) {
                throw new IllegalArgumentException(n + " values in " + in.remaining() + " bytes");
            }
            int base = in.arrayOffset() + in.position();
            in.position(in.position() + 8 * n);
            short[] labels = new short[n];
            in.asShortBuffer().get(labels);
            in.position(in.position() + 2 * n);
            return new ValueBlock(in.array(), base, n, labels);
        }

        /** The next {@code n} values, put together from their byte planes. */
        double[] values(int n) {
            if (n > size - nextValue) {
                throw new IllegalArgumentException("curves need more than the " + size + " values stored");
            }
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                int at = base + nextValue + i;
                long bits = 0;
                for (int b = 0; b < 8; b++) {
                    bits = (bits << 8) | (planes[at + b * size] & 0xFFL);
                }
                out[i] = Double.longBitsToDouble(bits);
            }
            nextValue += n;
            return out;
        }

        short[] labels(int n) {
            short[] out = Arrays.copyOfRange(labels, nextLabel, nextLabel + n);
            nextLabel += n;
            return out;
        }

        boolean used() {
            return nextValue == size && nextLabel == labels.length;
        }
    }

    /** Distinct axes by content, in first-seen order. */
    private static final class AxisPool {
        final List<double[]> axes = new ArrayList<>();
        final Map<List<Double>, Integer> index = new HashMap<>();

        int index(double[] axis) {
            return index.computeIfAbsent(Arrays.stream(axis).boxed().toList(), k -> {
                axes.add(axis);
                return axes.size() - 1;
            });
        }
    }
}
