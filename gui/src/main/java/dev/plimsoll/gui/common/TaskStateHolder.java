package dev.plimsoll.gui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.StringProperty;

/** A view model whose background work is described by one {@link TaskState}; its properties, exposed. */
public interface TaskStateHolder {
    TaskState task();

    default BooleanProperty runningProperty() {
        return task().runningProperty();
    }

    /** Fraction done of the running work, 0 to 1 (views that show no progress bar ignore it). */
    default DoubleProperty progressProperty() {
        return task().progressProperty();
    }

    default StringProperty statusProperty() {
        return task().statusProperty();
    }

    default StringProperty errorProperty() {
        return task().errorProperty();
    }
}
