package dev.plimsoll.autoscaler.replay;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One PNG per replay, four panels over simulated time (XChart, as the plan's Pareto plot):
 * offered load, replicas per pool (ready and desired), TTFT and ITL at the SLA percentile per
 * interval with their bounds.
 */
public final class ReplayPlot {
    static final int WIDTH = 1000;
    static final int PANEL_HEIGHT = 260;

    private ReplayPlot() {
    }

    public static void write(ReplayResult r, double ttftBoundMs, double itlBoundMs, Path png) {
        System.setProperty("java.awt.headless", "true");
        List<XYChart> panels = List.of(load(r), replicas(r), latency(r, "TTFT", ttftBoundMs, true),
                latency(r, "ITL", itlBoundMs, false));
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), 0, i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static XYChart chart(String title, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle("time (s)")
                .yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(0);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        return c;
    }

    private static double[] times(ReplayResult r) {
        double[] t = new double[r.intervals().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.intervals().get(i).timeS();
        }
        return t;
    }

    private static XYChart load(ReplayResult r) {
        XYChart c = chart(r.policy() + ": offered load", "req/s");
        double[] y = r.intervals().stream().mapToDouble(IntervalRow::offeredPerS).toArray();
        line(c, "offered", times(r), y, new Color(31, 119, 180));
        return c;
    }

    private static XYChart replicas(ReplayResult r) {
        XYChart c = chart("replicas per pool", "workers");
        Color[] colours = {new Color(214, 39, 40), new Color(44, 160, 44)};
        for (int p = 0; p < r.pools().size(); p++) {
            final int pool = p;
            double[] ready = r.intervals().stream().mapToDouble(row -> row.pools().get(pool).ready()).toArray();
            double[] desired = r.intervals().stream().mapToDouble(row -> row.pools().get(pool).desired()).toArray();
            line(c, r.pools().get(p) + " ready", times(r), ready, colours[p % colours.length]);
            line(c, r.pools().get(p) + " desired", times(r), desired, colours[p % colours.length].darker().darker());
        }
        return c;
    }

    private static XYChart latency(ReplayResult r, String what, double boundMs, boolean ttft) {
        XYChart c = chart(what + " p90 per interval", "ms");
        double[] t = times(r);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            IntervalRow row = r.intervals().get(i);
            double v = ttft ? row.ttftP90Ms() : row.itlP90Ms();
            if (Double.isFinite(v)) {
                xs.add(t[i]);
                ys.add(v);
            }
        }
        if (!xs.isEmpty()) {
            XYSeries s = c.addSeries(what, xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(148, 103, 189));
        }
        if (t.length > 0 && Double.isFinite(boundMs)) {
            line(c, "bound", new double[] {t[0], t[t.length - 1]}, new double[] {boundMs, boundMs}, Color.BLACK);
        }
        return c;
    }

    private static void line(XYChart c, String name, double[] x, double[] y, Color colour) {
        if (x.length == 0) {
            return;
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
    }
}
