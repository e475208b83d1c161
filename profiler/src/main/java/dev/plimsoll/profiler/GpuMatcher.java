package dev.plimsoll.profiler;

import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the GPU spec of a device from the name its driver reports ({@code NVIDIA H200},
 * {@code NVIDIA H100 80GB HBM3}, {@code NVIDIA H100 PCIe}): the spec whose name carries the same
 * model token, PCIe and SXM told apart by the device name.
 */
public final class GpuMatcher {
    private static final Pattern MODEL = Pattern.compile("\\b((?:GB|[ABHL])\\d{1,3}S?|MI\\d{3}X?)\\b");

    private GpuMatcher() {
    }

    public static Optional<GpuSpec> match(String deviceName, List<GpuSpec> specs) {
        Matcher m = MODEL.matcher(deviceName.toUpperCase(Locale.ROOT));
        if (!m.find()) {
            return Optional.empty();
        }
        String model = m.group(1);
        boolean pcie = deviceName.toUpperCase(Locale.ROOT).contains("PCIE");
        List<GpuSpec> same = specs.stream().filter(s -> {
            Matcher sm = MODEL.matcher(s.name().toUpperCase(Locale.ROOT));
            return sm.find() && sm.group(1).equals(model);
        }).toList();
        if (same.size() <= 1) {
            return same.stream().findFirst();
        }
        return same.stream().filter(s -> s.name().toUpperCase(Locale.ROOT).contains("PCIE") == pcie).findFirst()
                .or(() -> same.stream().findFirst());
    }
}
