package dev.plimsoll.optimizer.fleet;

import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.List;

/**
 * One model's demand on the fleet.
 *
 * @param name        the workload's name in reports
 * @param model       the model
 * @param quants      quantisations it may run with
 * @param backend     serving engine
 * @param sizes       request sizes
 * @param rate        requests per second to serve
 * @param sla         latency targets
 */
public record FleetWorkload(String name, ModelSpec model, List<QuantScheme> quants, BackendProfile backend,
                            WorkloadSpec sizes, double rate, SlaTarget sla) {
    public FleetWorkload {
        quants = List.copyOf(quants);
    }
}
