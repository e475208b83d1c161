package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Proposal;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Pareto frontier of tokens/s/GPU against tokens/s/user (simulated figures), aggregated and
 * disaggregated points apart, the two winners marked, as PNG and SVG (XChart).
 */
public final class ParetoPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    private ParetoPlot() {
    }

    public static XYChart chart(PlanResult r) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(Locale.ROOT, "%s: %s, %s", r.request().model().id(),
                        r.request().target().describe(), r.request().sla().describe()))
                .xAxisTitle("tokens/s/user").yAxisTitle("tokens/s/GPU").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        line(chart, "frontier", r.frontier());
        points(chart, "aggregated", filter(r.frontier(), Architecture.AGGREGATED), new Color(31, 119, 180),
                SeriesMarkers.CIRCLE);
        points(chart, "disaggregated", filter(r.frontier(), Architecture.DISAGGREGATED), new Color(214, 39, 40),
                SeriesMarkers.DIAMOND);
        List<Proposal> winners = new ArrayList<>();
        if (r.bestAggregated() != null) {
            winners.add(r.bestAggregated());
        }
        if (r.bestDisaggregated() != null) {
            winners.add(r.bestDisaggregated());
        }
        points(chart, "best agg / disagg", winners, Color.BLACK, SeriesMarkers.CROSS);
        return chart;
    }

    public static void write(PlanResult r, Path png, Path svg) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = chart(r);
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Pareto plot to " + png.getParent(), e);
        }
    }

    private static void line(XYChart chart, String name, List<Proposal> ps) {
        if (ps.size() < 2) {
            return;
        }
        XYSeries s = chart.addSeries(name, x(ps), y(ps));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.GRAY);
    }

    private static void points(XYChart chart, String name, List<Proposal> ps, Color color,
                               org.knowm.xchart.style.markers.Marker marker) {
        if (ps.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, x(ps), y(ps));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    private static List<Proposal> filter(List<Proposal> ps, Architecture a) {
        List<Proposal> out = new ArrayList<>();
        for (Proposal p : ps) {
            if (p.architecture() == a) {
                out.add(p);
            }
        }
        return out;
    }

    private static double[] x(List<Proposal> ps) {
        double[] v = new double[ps.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ps.get(i).figures().tokensPerSPerUser();
        }
        return v;
    }

    private static double[] y(List<Proposal> ps) {
        double[] v = new double[ps.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ps.get(i).figures().tokensPerSPerGpu();
        }
        return v;
    }
}
