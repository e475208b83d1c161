package dev.plimsoll.gui.plan;

import dev.plimsoll.optimizer.search.Proposal;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

import java.util.List;
import java.util.function.Consumer;

/**
 * The Pareto frontier: tokens/s/GPU against tokens/s/user, with the part of the plot the ITL
 * target allows (tokens/s/user of at least 1000 / ITL) shaded.
 */
public final class FrontierChart extends LineChart<Number, Number> {
    private static final String SELECTED_POINT = "-fx-background-color: #111111, #ffd54f; -fx-padding: 7px;";
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
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

    /**
     * Plots the two frontiers; each point (style class {@code frontier-point}, its
     * {@link FrontierPoint} as user data) shows its label as a tooltip and is picked by a click.
     */
    public void show(List<FrontierPoint> aggregated, List<FrontierPoint> disaggregated, Consumer<Proposal> onPick) {
        getData().setAll(FXCollections.observableArrayList(List.of(series("aggregated", aggregated),
                series("disaggregated", disaggregated))));
        for (Series<Number, Number> s : getData()) {
            for (Data<Number, Number> d : s.getData()) {
                Node node = d.getNode();
                FrontierPoint fp = (FrontierPoint) d.getExtraValue();
                if (node != null) {
                    node.getStyleClass().add("frontier-point");
                    node.setUserData(fp);
                    Tooltip.install(node, new Tooltip(fp.label()));
                    node.setOnMouseClicked(e -> onPick.accept(fp.proposal()));
                }
            }
        }
    }

    /** Marks the point of {@code p} (null: none) as selected. */
    public void highlight(Proposal p) {
        for (Series<Number, Number> s : getData()) {
            for (Data<Number, Number> d : s.getData()) {
                if (d.getNode() != null) {
                    boolean on = ((FrontierPoint) d.getExtraValue()).proposal().equals(p);
                    // inline: the chart resets its symbols' style classes as data change
                    d.getNode().setStyle(on ? SELECTED_POINT : "");
                    d.getNode().pseudoClassStateChanged(SELECTED, on);
                }
            }
        }
    }

    private static Series<Number, Number> series(String name, List<FrontierPoint> points) {
        Series<Number, Number> s = new Series<>();
        s.setName(name);
        for (FrontierPoint fp : points) {
            s.getData().add(new Data<>(fp.tokensPerSPerUser(), fp.tokensPerSPerGpu(), fp));
        }
        return s;
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
