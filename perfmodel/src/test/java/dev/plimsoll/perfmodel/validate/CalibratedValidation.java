package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.serving.Replicas;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the accuracy and coverage tests validate with: the shipped calibration, the shared Hugging
 * Face configs and every core, as {@code plimsoll validate --measured} runs; and the test resources
 * they read.
 */
final class CalibratedValidation {
    private CalibratedValidation() {
    }

    /** The calibrated validation on all cores. */
    static MeasuredValidation onAllCores() {
        ModelResolver models = new ModelResolver(TestSpecs.REGISTRY, TestSpecs.sharedData().resolve("hf-configs"));
        DeploymentPlanner planner = new DeploymentPlanner(TestSpecs.REGISTRY, models,
                new Replicas(CalibratedCostModels.provider(Optional.empty())));
        return new MeasuredValidation(planner, Runtime.getRuntime().availableProcessors());
    }

    /** A test resource's path ({@code /coverage-probe/...}, {@code /public-spot/...}). */
    static Path resource(String name) {
        try {
            return Path.of(CalibratedValidation.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
