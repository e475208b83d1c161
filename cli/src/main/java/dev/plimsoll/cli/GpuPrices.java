package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code plan --gpu-price G=USD}: prices per GPU-hour overriding the specs' defaults. */
final class GpuPrices {
    private GpuPrices() {
    }

    static List<GpuSpec> apply(List<GpuSpec> gpus, List<String> prices) {
        List<GpuSpec> out = new ArrayList<>(gpus);
        for (String p : prices) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("--gpu-price must be GPU=USD, got '" + p + "'");
            }
            String id = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            double usd;
            try {
                usd = Double.parseDouble(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new UserInputException("--gpu-price " + p + ": '" + p.substring(eq + 1) + "' is not a number");
            }
            if (!(usd >= 0) || Double.isInfinite(usd)) {
                throw new UserInputException("--gpu-price " + p + ": the price must be >= 0 USD per GPU-hour");
            }
            boolean found = false;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).id().equals(id)) {
                    out.set(i, out.get(i).withPrice(usd));
                    found = true;
                }
            }
            if (!found) {
                throw new UserInputException("--gpu-price names " + id + ", which is not one of the --gpu types");
            }
        }
        return out;
    }
}
