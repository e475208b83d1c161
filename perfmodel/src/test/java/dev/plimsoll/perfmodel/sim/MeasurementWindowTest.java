package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Open-loop runs can leave their warm-up and drain out of the statistics. */
class MeasurementWindowTest {
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);

    /** One request every 100 ms, 100 of them. */
    private static Workload evenArrivals() {
        List<TimedRequest> list = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            list.add(new TimedRequest(i * 100.0, new RequestShape(300, 20)));
        }
        return Workload.of("even", list);
    }

    private static SimulationResult run(SimulationOptions options) {
        return Simulation.run(SimulationConfig.aggregated(Sims.engine(SchedulerProfile.VLLM, 100_000, 64, 8192),
                StepTimeModelFactory.of(MODEL), 1, RouterKind.ROUND_ROBIN, evenArrivals(), SlaSpec.NONE)
                .withOptions(options));
    }

    @Test
    void onlyArrivalsInsideTheWindowAreMeasured() {
        SimulationOptions all = SimulationOptions.DEFAULT.withTimeSeriesIntervalMs(0);
        SimulationResult whole = run(all);
        SimulationResult window = run(all.withMeasurementWindow(1000.0, 8950.0));
        assertEquals(100, whole.measuredRequests());
        assertEquals(100, window.finishedRequests(), "every request still runs");
        // arrivals at 1000, 1100, ..., 8900 ms
        assertEquals(80, window.measuredRequests());
        assertTrue(window.windowMs() < whole.windowMs());
        assertEquals(80L * 19, window.itl().count(), "inter-token gaps of measured requests only");
    }

    @Test
    void anEmptyOrReversedWindowIsRefused() {
        SimulationOptions o = SimulationOptions.DEFAULT;
        assertThrows(UserInputException.class, () -> o.withMeasurementWindow(500.0, 500.0));
        assertThrows(UserInputException.class, () -> o.withMeasurementWindow(-1.0, 500.0));
    }
}
