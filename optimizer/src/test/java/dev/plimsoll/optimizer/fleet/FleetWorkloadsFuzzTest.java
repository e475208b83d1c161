package dev.plimsoll.optimizer.fleet;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@code plimsoll fleet}'s workloads YAML reader (a workload's trace is read through the
 * trace readers); seeds follow docs/fleet-example/workloads.yaml.
 */
class FleetWorkloadsFuzzTest {
    static {
        // the trace a seed's "trace: trace.csv" names, beside the workloads file
        FleetInputFuzzing.file("trace.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n0.0,1000,100\n0.5,2000,50\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "10s")
    void workloadsYaml(byte[] input) {
        var file = FleetInputFuzzing.file("workloads.yaml", input);
        FleetInputFuzzing.holds(() -> FleetInput.workloads(file, FleetInputFuzzing.SPECS));
    }
}
