package dev.plimsoll.gui;

import dev.plimsoll.gui.service.GuiServices;
import dev.plimsoll.gui.service.PlanInputs;

import java.util.List;

/** One set of services for all tests: reading the specs and kernel tables once. */
public final class TestServices {
    private static GuiServices services;

    private TestServices() {
    }

    public static synchronized GuiServices get() {
        if (services == null) {
            services = GuiServices.bundled();
        }
        return services;
    }

    /** The reference question, analytic only: a second or so per plan. */
    public static PlanInputs quickReference() {
        PlanInputs r = PlanInputs.reference();
        return new PlanInputs(r.model(), r.gpus(), r.engine(), r.quant(), r.isl(), r.osl(), r.prefixTokens(), r.loadKind(),
                r.loadValue(), r.ttftMs(), r.itlMs(), r.percentile(), r.mode(), false, "");
    }

    /** A plan that runs for many seconds: three GPU types, three engines, simulated. */
    public static PlanInputs slowQuestion() {
        PlanInputs r = PlanInputs.reference();
        return new PlanInputs(r.model(), List.of("h200-sxm", "h100-sxm", "b200-sxm"), "vllm", r.quant(), r.isl(), r.osl(),
                r.prefixTokens(), r.loadKind(), r.loadValue(), r.ttftMs(), r.itlMs(), r.percentile(), "both", true, "");
    }
}
