package dev.plimsoll.perfmodel.calib;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Strings, counts and double arrays of the prebuilt calibration files (big-endian). */
final class FitBinary {
    private FitBinary() {
    }

    static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String string(ByteBuffer in) {
        int n = count(in);
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    /** A length or count, checked against what is left to read. */
    static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("count " + n + " at byte " + (in.position() - 4));
        }
        return n;
    }

    static void doubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double d : v) {
            out.writeDouble(d);
        }
    }

    static double[] doubles(ByteBuffer in) {
        return doubles(in, count(in));
    }

    static double[] doubles(ByteBuffer in, int n) {
        double[] out = new double[n];
        in.asDoubleBuffer().get(out);
        in.position(in.position() + 8 * n);
        return out;
    }

    /** The fixed-cost fits of a family, as the catalog and each family file store them. */
    static void fixedCosts(DataOutputStream out, List<FixedCostFit> fits) throws IOException {
        out.writeInt(fits.size());
        for (FixedCostFit f : fits) {
            string(out, f.family());
            string(out, f.key());
            out.writeDouble(f.fixedUs());
            out.writeDouble(f.utilisation());
            out.writeDouble(f.r2());
            out.writeDouble(f.rmseUs());
            out.writeDouble(f.relativeRmse());
            out.writeInt(f.points());
        }
    }

    static List<FixedCostFit> fixedCosts(ByteBuffer in) {
        int n = count(in);
        List<FixedCostFit> fits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fits.add(new FixedCostFit(string(in), string(in), in.getDouble(), in.getDouble(), in.getDouble(),
                    in.getDouble(), in.getDouble(), in.getInt()));
        }
        return fits;
    }
}
