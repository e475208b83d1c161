package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code --quant} and {@code --kv-dtype}, one pair for every command that runs a model
 * ({@code plan}, {@code simulate}, {@code estimate}): the weight format and the KV-cache dtype, each
 * the checkpoint's own unless given; {@code plan} searches a comma-separated list of each.
 */
public final class QuantOptions {
    @Option(names = "--quant", split = ",", paramLabel = "Q", order = 41,
            description = "Weight quantisation: bf16, fp16, fp8, fp8-block, int8, int4, nvfp4, mxfp4, w4a8 (default: "
                    + "the checkpoint's own); plan searches a list.")
    List<String> quants;

    @Option(names = "--kv-dtype", split = ",", paramLabel = "D", order = 42,
            description = "KV-cache dtype: bf16, fp16 or fp8 (default: the checkpoint's); plan searches one 16-bit "
                    + "dtype, fp8 or both (default: the checkpoint's, and fp8 on GPUs with FP8 tensor cores).")
    List<String> kvDtypes;

    /** The formats {@code plan} may choose from; null when none was given. */
    public List<String> quants() {
        return quants;
    }

    /** The KV-cache dtypes {@code plan} may choose from; null when none was given. */
    public List<String> kvDtypes() {
        return kvDtypes;
    }

    /** The one weight format of a command that runs one; null for the checkpoint's own. */
    public String quant() {
        return single("--quant", quants);
    }

    /** The one KV-cache dtype of a command that runs one; null for the checkpoint's own. */
    public String kvDtype() {
        return single("--kv-dtype", kvDtypes);
    }

    /** Both values checked: a known preset and KV dtype, one of each. */
    public void validate() {
        if (quant() != null) {
            QuantPresets.get(quant());
        }
        if (kvDtype() != null) {
            QuantChoice.kvFormat(kvDtype());
        }
    }

    /** The scheme of a command that runs one: the checkpoint's own unless given. */
    public QuantScheme scheme(ModelSpec model) {
        return QuantChoice.scheme(model, quant(), kvDtype());
    }

    private static String single(String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new UserInputException(name + " takes one value here, got " + String.join(",", values)
                    + "; 'plimsoll plan' searches several");
        }
        return values.get(0).trim();
    }
}
