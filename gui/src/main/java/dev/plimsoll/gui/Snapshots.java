package dev.plimsoll.gui;

import dev.plimsoll.gui.common.Exports;
import dev.plimsoll.gui.common.ExplorerView;
import dev.plimsoll.gui.service.GuiServices;
import dev.plimsoll.gui.service.InputsStore;
import dev.plimsoll.gui.service.PlanInputs;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code plimsoll gui --snapshot DIR}: renders each view headless (Monocle, software pipeline) for
 * the README's reference question and writes one PNG per view (the replay view: its opening replay,
 * the Azure conversation trace's first 30 minutes at three times their rate, when the trace is beside
 * the checkout).
 */
public final class Snapshots {
    public static final double WIDTH = 1360;
    public static final double HEIGHT = 860;
    private static final long VIEW_TIMEOUT_MS = 300_000;

    /** The validate view's sample: the Llama-3.1 rows of the H200 file (8B and 70B; three engine groups). */
    static final String VALIDATE_FILTER = "Llama-3.1";

    private Snapshots() {
    }

    /**
     * The measured H200 deployments beside the checkout ({@code ../shared/data/e2e/h200_sxm.csv}
     * from the working directory or from {@code plimsoll.root}), if present.
     */
    static java.util.Optional<Path> measuredSample() {
        for (String base : new String[] {System.getProperty("plimsoll.root", "."), "."}) {
            Path f = Path.of(base).toAbsolutePath().normalize().resolve("../shared/data/e2e/h200_sxm.csv").normalize();
            if (java.nio.file.Files.isRegularFile(f)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * @param log told what is being rendered
     * @return the files written
     */
    public static List<Path> render(Path dir, PlanInputs inputs, Consumer<String> log) {
        FxPlatform.useHeadless();
        FxPlatform.startup();
        GuiServices services = GuiServices.bundled();
        // the user's remembered inputs are neither read nor overwritten
        InputsStore scratch = InputsStore.disabled();
        Explorer explorer = FxPlatform.call(() -> {
            Explorer e = new Explorer(services, scratch, inputs);
            Stage stage = new Stage();
            Scene scene = e.window().scene(WIDTH, HEIGHT);
            stage.setScene(scene);
            stage.show();
            measuredSample().ifPresent(f -> {
                var v = e.validateView().viewModel();
                v.measuredFileProperty().set(f.toString());
                v.filterProperty().set(VALIDATE_FILTER);
                Path configs = f.getParent().resolveSibling("hf-configs");
                if (java.nio.file.Files.isDirectory(configs)) {
                    v.modelsDirProperty().set(configs.toString());
                }
            });
            return e;
        });
        List<Path> written = new ArrayList<>();
        try {
            for (ExplorerView v : explorer.window().views()) {
                log.accept("rendering " + v.name());
                FxPlatform.run(() -> {
                    explorer.window().select(v);
                    v.refresh();
                });
                waitIdle(v);
                Path png = dir.resolve(v.name() + ".png");
                FxPlatform.run(() -> Exports.png(explorer.window().root(), png));
                written.add(png);
            }
        } finally {
            FxPlatform.run(() -> explorer.window().root().getScene().getWindow().hide());
        }
        return written;
    }

    /** Waits until the view's work is done and two more pulses have laid it out. */
    static void waitIdle(ExplorerView v) {
        long deadline = System.currentTimeMillis() + VIEW_TIMEOUT_MS;
        // the first check may come before a debounced start: wait out the debounce too
        sleep(400);
        while (FxPlatform.call(v::busy)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(v.name() + " view still busy after " + VIEW_TIMEOUT_MS / 1000 + " s");
            }
            sleep(100);
        }
        sleep(200);
        FxPlatform.run(() -> { });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
