package dev.plimsoll.autoscaler.reconcile;

import java.util.ArrayList;
import java.util.List;

/** Changes nothing; remembers what it would have asked for (the status and Events still say it). */
public final class DryRunActuator implements Actuator {
    private final List<String> intents = new ArrayList<>();

    @Override
    public void scale(String pool, int replicas) {
        intents.add(pool + "=" + replicas);
    }

    public List<String> intents() {
        return List.copyOf(intents);
    }
}
