package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --gpu}, one option for every command that runs on GPUs it names ({@code plan},
 * {@code simulate}, {@code estimate}): a GPU id; {@code plan} searches a comma-separated list of
 * them. The layout of one replica is {@link LayoutOptions}.
 */
public final class GpuOptions {
    @Option(names = "--gpu", required = true, split = ",", paramLabel = "G",
            description = "GPU id, e.g. h100-sxm (see 'plimsoll specs list'); plan takes several candidates, and "
                    + "its prefill and decode pools may use different ones.")
    List<String> ids;

    /** Every GPU named, in order. */
    public List<GpuSpec> all(SpecRegistry registry) {
        List<GpuSpec> out = new ArrayList<>();
        for (String id : ids) {
            out.add(registry.gpu(id.trim()));
        }
        return out;
    }

    /** The one GPU of a command that runs on one type; a list is refused naming the command that takes one. */
    public GpuSpec one(SpecRegistry registry, String command) {
        if (ids.size() != 1) {
            throw new UserInputException(command + " runs on one GPU type, got --gpu " + String.join(",", ids)
                    + "; 'plimsoll plan' searches several");
        }
        return registry.gpu(ids.get(0).trim());
    }

    /** The GPU ids as given, for echoes. */
    public String given() {
        return String.join(",", ids);
    }
}
