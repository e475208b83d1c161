package dev.plimsoll.cli;

import dev.plimsoll.optimizer.search.PlanProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr while a plan runs, only when stderr is a terminal; silent otherwise. */
final class PlanProgressBar implements PlanProgress, AutoCloseable {
    private final ProgressBar bar;
    private String phase = "";

    private PlanProgressBar(ProgressBar bar) {
        this.bar = bar;
    }

    /** A visible bar when {@code wanted} and the JVM has a console; a silent one otherwise. */
    static PlanProgressBar forTerminal(boolean wanted) {
        if (!wanted || System.console() == null) {
            return new PlanProgressBar(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("plan").setInitialMax(1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).hideEta()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
        return new PlanProgressBar(bar);
    }

    @Override
    public synchronized void update(String newPhase, int done, int total) {
        if (bar == null) {
            return;
        }
        if (!newPhase.equals(phase)) {
            phase = newPhase;
            bar.reset();
            bar.setExtraMessage(newPhase);
        }
        bar.maxHint(Math.max(1, total));
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
