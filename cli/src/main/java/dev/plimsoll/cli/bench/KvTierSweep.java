package dev.plimsoll.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.cli.Main;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The README's KV-tier plot: multi-turn Llama-3.1-70B sessions on one H100 TP4 replica, GPU-only
 * against a 512 GB host tier, (a) as sessions grow longer and (b) as the GPU KV pool grows. Every
 * point is one {@code plimsoll simulate --kv-tiers host:512GB --output json} run (which simulates
 * the GPU-only fleet too). Run it with
 * {@code java -cp cli/target/plimsoll.jar dev.plimsoll.cli.bench.KvTierSweep docs/kv-tiers.png}.
 */
public final class KvTierSweep {
    static final int WIDTH = 1000;
    static final int PANEL_HEIGHT = 380;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TURNS = {"2-4", "5-10", "7-14", "10-20"};
    private static final double[] MEMORY_FRACTIONS = {0.7, 0.8, 0.9};

    private KvTierSweep() {
    }

    /** One point: GPU-only and tiered TTFT p90, hit rates, and the GPU KV pool in tokens. */
    record Point(double gpuP90Ms, double tieredP90Ms, double gpuHit, double tieredHit, long kvTokens) {
    }

    public static void main(String[] args) {
        Path png = Path.of(args.length > 0 ? args[0] : "docs/kv-tiers.png");
        List<Point> byTurns = new ArrayList<>();
        for (String turns : TURNS) {
            byTurns.add(run(turns, 0.9));
            report("turns " + turns, byTurns.get(byTurns.size() - 1));
        }
        List<Point> byPool = new ArrayList<>();
        for (double f : MEMORY_FRACTIONS) {
            byPool.add(run("5-20", f));
            report("memory fraction " + f, byPool.get(byPool.size() - 1));
        }
        write(png, byTurns, byPool);
        System.out.println("wrote " + png);
    }

    static Point run(String turns, double memoryFraction) {
        String[] args = {"simulate", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--quant", "fp8", "--tp", "4",
                "--memory-fraction", String.valueOf(memoryFraction), "--sessions", "300", "--session-rate", "0.4",
                "--turns", turns, "--think", "2-30", "--isl", "400", "--osl", "300", "--shared-prefix", "1000",
                "--prefix-groups", "10", "--kv-tiers", "host:512GB", "--seed", "1", "--output", "json"};
        CommandLine cmd = Main.newCommandLine();
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        int code = cmd.execute(args);
        if (code != 0) {
            throw new IllegalStateException("simulate exited " + code + " for " + String.join(" ", args));
        }
        try {
            JsonNode j = JSON.readTree(out.toString());
            return new Point(j.at("/gpu_only/ttft/p90_ms").asDouble(), j.at("/ttft/p90_ms").asDouble(),
                    j.at("/gpu_only/prefix_hit_rate").asDouble(), j.at("/prefix_hit_rate").asDouble(),
                    j.at("/fleet/pools/0/kv_capacity_tokens_per_rank").asLong());
        } catch (IOException e) {
            throw new IllegalStateException("simulate printed no JSON: " + e.getMessage(), e);
        }
    }

    private static void report(String what, Point p) {
        System.out.printf(Locale.ROOT, "%-22s KV %,d tokens: TTFT p90 %.1f -> %.1f ms, prefix hit %.3f -> %.3f%n", what,
                p.kvTokens(), p.gpuP90Ms(), p.tieredP90Ms(), p.gpuHit(), p.tieredHit());
    }

    static void write(Path png, List<Point> byTurns, List<Point> byPool) {
        System.setProperty("java.awt.headless", "true");
        double[] meanTurns = new double[TURNS.length];
        for (int i = 0; i < TURNS.length; i++) {
            String[] ab = TURNS[i].split("-");
            meanTurns[i] = (Double.parseDouble(ab[0]) + Double.parseDouble(ab[1])) / 2;
        }
        XYChart a = chart("(a) longer sessions: TTFT p90",
                "mean turns per session", "TTFT p90 (ms, log scale)");
        add(a, "GPU only", meanTurns, byTurns, true);
        add(a, "host tier 512 GB", meanTurns, byTurns, false);
        double[] pool = new double[byPool.size()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = byPool.get(i).kvTokens() / 1000.0;
        }
        XYChart b = chart("(b) larger GPU KV pool (--memory-fraction 0.7, 0.8, 0.9), sessions of 5-20 turns",
                "GPU KV pool (thousand tokens per rank)", "TTFT p90 (ms, log scale)");
        add(b, "GPU only", pool, byPool, true);
        add(b, "host tier 512 GB", pool, byPool, false);
        BufferedImage image = new BufferedImage(WIDTH, 2 * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(BitmapEncoder.getBufferedImage(a), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(b), 0, PANEL_HEIGHT, null);
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        // GPU-only runs that thrash their cache queue without bound: a log axis keeps both in view
        c.getStyler().setYAxisLogarithmic(true);
        return c;
    }

    private static void add(XYChart c, String name, double[] x, List<Point> points, boolean gpuOnly) {
        double[] y = new double[points.size()];
        StringBuilder hits = new StringBuilder();
        for (int i = 0; i < y.length; i++) {
            Point p = points.get(i);
            y[i] = gpuOnly ? p.gpuP90Ms() : p.tieredP90Ms();
            hits.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f %%",
                    100 * (gpuOnly ? p.gpuHit() : p.tieredHit())));
        }
        c.addSeries(name + " (prefix hit " + hits + ")", x, y);
    }
}
