package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.grid.ShapeEstimate;
import dev.plimsoll.perfmodel.calib.grid.ShapeSet;
import dev.plimsoll.perfmodel.calib.roofline.Ideal;
import dev.plimsoll.perfmodel.calib.roofline.KernelRoofline;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.calib.table.TableDirectory;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Study tool behind the transfer section of docs/calibration.md (not a test): for every row of a
 * GPU's tables, what the transfer from another GPU's shipped bundles starts from and gives, as CSV
 * (source time, launch floor, rooflines on both GPUs, u_max of the bound, prediction, measured time;
 * the softmax exponentials' part of the roofline on each GPU last, {@code ieA} and {@code ieB}).
 * Run from the perfmodel module after {@code mvn test-compile}:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.plimsoll.perfmodel.calib.TransferDump \
 *     h200-sxm b200_sxm /tmp/b200.csv gemm context_attention generation_attention moe
 * </pre>
 * (cp.txt from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}); arguments: source GPU
 * id, target table directory under shared/data/kernels, output file, families. {@code -DsrcBackend=B}
 * reads framework B's bundles for every framework (the cross-engine experiment).
 */
public final class TransferDump {
    private TransferDump() {
    }

    public static void main(String[] args) throws Exception {
        String from = args[0];
        String toDir = args[1];
        Path out = Path.of(args[2]);
        GpuSpec gpu = ShippedBundleBuilder.GPUS.get(toDir);
        ReferenceSpec target = ReferenceSpec.of(gpu);
        BundleCatalog catalog = BundleCatalog.shipped().onlyGpu(from);
        TableDirectory tables = TableDirectory.scan(SharedData.kernels(toDir));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.println("fw,family,category,curve,shape,grid,kernel,measured,timeA,floorA,exactA,shapeA,"
                    + "icA,imA,icB,imB,pred,umax,ieA,ieB");
            for (String fw : tables.frameworks()) {
                BundleCatalog.Selection sel = catalog.select(gpu.id(), target, System.getProperty("srcBackend", fw)).orElseThrow();
                for (Map.Entry<KernelFamily, Path> t : tables.files().getOrDefault(fw, Map.of()).entrySet()) {
                    if (Arrays.stream(args, 3, args.length).noneMatch(a -> a.equals(t.getKey().key()))) {
                        continue;
                    }
                    FamilyModel m = sel.bundle().model(t.getKey()).orElse(null);
                    if (m == null) {
                        continue;
                    }
                    List<KernelRow> rows = KernelTableReader.read(t.getValue(), t.getKey(), fw).rows();
                    for (KernelRow r : rows) {
                        KernelQuery q = KernelQuery.ofRow(t.getKey(), r);
                        String curve = m.curveCategory(q, target);
                        ShapeSet set = m.shapeSets().get(curve);
                        ShapeEstimate e = set.at(FamilyModel.scaled(q.shape(), t.getKey().shapeAxes()),
                                FamilyModel.scaled(q.grid(), t.getKey().gridAxes()));
                        Ideal a = KernelRoofline.ideal(q, m.reference());
                        Ideal b = KernelRoofline.ideal(q, target);
                        Prediction p = m.predict(q, target, false, new TableReplay(fw));
                        w.printf(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s,%.6g,%.6g,%.6g,%b,%b,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g%n",
                                fw, t.getKey().key(), r.category().replace(',', ';'), curve.replace(',', ';'),
                                join(r.shape()), join(r.grid()), r.kernel().replace(',', ';'), r.latencyMs(),
                                e.timeMs(a.ms()), e.floorMs(), e.exactPoint(), e.measuredShape(), a.computeMs(),
                                a.memoryMs(), b.computeMs(), b.memoryMs(), p == null ? Double.NaN : p.timeMs(),
                                m.achievableUtilisation().getOrDefault(a.bound(), 1.0), a.exponentialMs(),
                                b.exponentialMs());
                    }
                }
            }
        }
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.6g", v[i]));
        }
        return sb.toString();
    }
}
