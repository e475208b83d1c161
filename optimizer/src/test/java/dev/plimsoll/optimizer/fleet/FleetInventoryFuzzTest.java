package dev.plimsoll.optimizer.fleet;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes {@code plimsoll fleet}'s inventory YAML reader; seeds follow docs/fleet-example/inventory.yaml. */
class FleetInventoryFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void inventoryYaml(byte[] input) {
        var file = FleetInputFuzzing.file("inventory.yaml", input);
        FleetInputFuzzing.holds(() -> FleetInput.inventory(file, FleetInputFuzzing.SPECS));
    }
}
