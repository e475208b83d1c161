package dev.plimsoll.gui.common;

import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Proposal;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The plan and the deployment picked in the plan view, which the breakdown and simulate views follow. */
public final class PlanSelection {
    private final ObjectProperty<PlanResult> result = new SimpleObjectProperty<>();
    private final ObjectProperty<Proposal> proposal = new SimpleObjectProperty<>();

    public ObjectProperty<PlanResult> resultProperty() {
        return result;
    }

    public ObjectProperty<Proposal> proposalProperty() {
        return proposal;
    }
}
