package dev.plimsoll.gui.service;

import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.validate.AicSiliconReader;
import dev.plimsoll.perfmodel.validate.BenchmarkProtocol;
import dev.plimsoll.perfmodel.validate.DeploymentPlanner;
import dev.plimsoll.perfmodel.validate.MeasuredDeployment;
import dev.plimsoll.perfmodel.validate.MeasuredValidation;
import dev.plimsoll.perfmodel.validate.ModelResolver;
import dev.plimsoll.perfmodel.validate.ValidationReport;
import dev.plimsoll.perfmodel.error.UserInputException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code plimsoll validate --measured FILE} for the validate view: every measured deployment (or
 * those whose model, backend or mode contains a filter) predicted by simulating its benchmark.
 */
public final class ValidateService {
    private final GuiServices services;

    public ValidateService(GuiServices services) {
        this.services = services;
    }

    public ValidationReport validate(Path measured, Path modelsDir, String filter, ProgressSink progress,
                                     Cancellation cancel) {
        List<MeasuredDeployment> all = AicSiliconReader.read(measured).rows();
        String f = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        List<MeasuredDeployment> rows = f.isEmpty() ? all : all.stream().filter(r -> matches(r, f)).toList();
        if (rows.isEmpty()) {
            throw new UserInputException(measured + ": no row's model, backend or mode contains '" + filter + "' ("
                    + all.size() + " rows in the file)");
        }
        DeploymentPlanner planner = new DeploymentPlanner(services.registry(),
                new ModelResolver(services.registry(), modelsDir), new Replicas(services.costModels()),
                BenchmarkProtocol.DEFAULT);
        int threads = Runtime.getRuntime().availableProcessors();
        // rows finish on several worker threads: the check and the report of one happen under one lock,
        // so no report follows a cancel (unlocked, two workers could pass the check before either reports)
        Object lock = new Object();
        return new MeasuredValidation(planner, threads).run(rows, done -> {
            synchronized (lock) {
                cancel.check();
                progress.update("predicted " + done + " of " + rows.size() + " measured deployments",
                        (double) done / rows.size());
            }
        });
    }

    private static boolean matches(MeasuredDeployment r, String f) {
        return (r.modelPath() + " " + r.backend() + " " + r.mode()).toLowerCase(Locale.ROOT).contains(f);
    }
}
