package dev.plimsoll.gui.plan;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The Pareto frontier: tokens/s/GPU against tokens/s/user, with the part of the plot the ITL
 * target allows (tokens/s/user of at least 1000 / ITL) shaded.
 */
public final class FrontierChart extends LineChart<Number, Number> {
    private final Rectangle slaRegion = new Rectangle();
    private final Text slaLabel = new Text();
    private final DoubleProperty slaMinX = new SimpleDoubleProperty(Double.NaN);

    public FrontierChart() {
        super(axis("tokens/s/user (output tokens/s one request sees)"), axis("tokens/s/GPU (output tokens/s per GPU)"));
        setAnimated(false);
        setCreateSymbols(true);
        setAxisSortingPolicy(SortingPolicy.X_AXIS);
        slaRegion.getStyleClass().add("sla-region");
        slaRegion.setManaged(false);
        slaRegion.setMouseTransparent(true);
        slaLabel.getStyleClass().add("sla-label");
        slaLabel.setManaged(false);
        slaLabel.setMouseTransparent(true);
        getPlotChildren().add(0, slaRegion);
        getPlotChildren().add(1, slaLabel);
        slaMinX.addListener((o, a, b) -> requestChartLayout());
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis();
        a.setLabel(label);
        a.setForceZeroInRange(true);
        return a;
    }

    /** Lower bound of tokens/s/user within the ITL target; NaN hides the region. */
    public DoubleProperty slaMinXProperty() {
        return slaMinX;
    }

    public void setSlaText(String text) {
        slaLabel.setText(text);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        NumberAxis x = (NumberAxis) getXAxis();
        NumberAxis y = (NumberAxis) getYAxis();
        double min = slaMinX.get();
        boolean visible = !Double.isNaN(min) && min < x.getUpperBound();
        slaRegion.setVisible(visible);
        slaLabel.setVisible(visible);
        if (!visible) {
            return;
        }
        double left = Math.max(0, x.getDisplayPosition(Math.max(min, x.getLowerBound())));
        double right = x.getDisplayPosition(x.getUpperBound());
        double top = y.getDisplayPosition(y.getUpperBound());
        double bottom = y.getDisplayPosition(y.getLowerBound());
        slaRegion.setX(left);
        slaRegion.setY(top);
        slaRegion.setWidth(Math.max(0, right - left));
        slaRegion.setHeight(Math.max(0, bottom - top));
        // bottom left of the region: the frontier's best points sit at its top
        slaLabel.setX(left + 6);
        slaLabel.setY(bottom - 24);
        slaRegion.toBack();
    }
}
