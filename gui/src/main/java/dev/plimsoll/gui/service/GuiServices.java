package dev.plimsoll.gui.service;

import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.util.Optional;

/**
 * What every view's service shares: the spec registry and the calibrated kernel cost models, each
 * read once (reading the kernel tables is most of a cold plan's time).
 */
public final class GuiServices {
    private final SpecRegistry registry;
    private final CostModelProvider costModels;

    public GuiServices(SpecRegistry registry, CostModelProvider costModels) {
        this.registry = registry;
        this.costModels = costModels;
    }

    /** The bundled specs and the shipped calibration, as {@code plimsoll} uses without options. */
    public static GuiServices bundled() {
        return new GuiServices(SpecRegistry.load(null), CalibratedCostModels.provider(Optional.empty()));
    }

    public SpecRegistry registry() {
        return registry;
    }

    public CostModelProvider costModels() {
        return costModels;
    }
}
