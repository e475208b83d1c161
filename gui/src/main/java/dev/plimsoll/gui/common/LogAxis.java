package dev.plimsoll.gui.common;

import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

import java.util.Locale;

/** A number axis over log10 of a quantity, its ticks labelled with the quantity itself (1, 10, 100...). */
public final class LogAxis {
    private LogAxis() {
    }

    public static NumberAxis of(String label, double lowDecade, double highDecade) {
        NumberAxis a = new NumberAxis(lowDecade, highDecade, 1);
        a.setLabel(label);
        a.setAutoRanging(false);
        a.setMinorTickCount(0);
        a.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = Math.pow(10, n.doubleValue());
                return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
            }

            @Override
            public Number fromString(String s) {
                return Math.log10(Double.parseDouble(s.replace(",", "")));
            }
        });
        return a;
    }
}
