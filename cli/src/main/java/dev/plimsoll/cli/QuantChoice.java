package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;

/** What {@code --quant} and {@code --kv-dtype} ask for, for every command that takes them. */
public final class QuantChoice {
    private QuantChoice() {
    }

    /** The model's own quantisation unless {@code --quant} names a preset; the KV cache as asked. */
    public static QuantScheme scheme(ModelSpec model, String quant, String kvDtype) {
        QuantScheme scheme = quant == null ? model.defaultQuant() : QuantPresets.get(quant);
        return kvDtype == null ? scheme : scheme.withKvCache(kvFormat(kvDtype));
    }

    /** A {@code --kv-dtype} value as a format, with the option named in the error. */
    public static NumberFormat kvFormat(String value) {
        try {
            return QuantPresets.kvCache(value);
        } catch (UserInputException e) {
            throw new UserInputException("--kv-dtype must be bf16, fp16 or fp8, got '" + value + "'");
        }
    }
}
