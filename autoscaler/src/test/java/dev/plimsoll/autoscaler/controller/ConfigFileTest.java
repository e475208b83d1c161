package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.Fixtures;
import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.autoscaler.policy.CapacityModel;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {
    private static final Path EXAMPLE = Path.of("..", "deploy", "examples", "serving-autoscaler.yaml");
    @TempDir
    Path dir;

    private String error(String from, String to) throws Exception {
        Path f = dir.resolve("r.yaml");
        String text = Files.readString(EXAMPLE);
        assertTrue(text.contains(from), from);
        Files.writeString(f, text.replace(from, to));
        String m = assertThrows(UserInputException.class, () -> ConfigFile.read(f)).getMessage();
        assertTrue(m.startsWith(f.toString()), m);
        return m;
    }

    @Test
    void eachBadFieldIsNamed() throws Exception {
        assertTrue(error("percentile: 90", "percentile: 100").contains("spec.sla.percentile"));
        assertTrue(error("percentile: 90", "percentile: 95").contains("50, 90 or 99"));
        assertTrue(error("maxReplicas: 8", "maxReplicas: 0").contains("spec.pools[0].maxReplicas"));
        assertTrue(error("kind: ServingAutoscaler", "kind: Deployment").contains("kind"));
        assertTrue(error("prometheusUrl: http://prometheus-operated.monitoring:9090", "prometheusUrl: nowhere")
                .contains("spec.metrics.prometheusUrl"));
        String wrongType = error("ttftMs: 1000", "ttftMs: fast");
        assertTrue(wrongType.contains("spec.sla.ttftMs") && wrongType.contains(":"), wrongType);
        assertTrue(error("  gpu: h100-sxm\n", "").contains("spec.gpu"));
        assertTrue(error("minReplicas: 1", "minReplicas: 0").contains("spec.pools[0].maxReplicas"));
        assertTrue(error("intervalSeconds: 15", "intervalSeconds: 15\n  slowIntervalSeconds: 5")
                .contains("spec.slowIntervalSeconds"));
        assertTrue(error("frontendEngine: dynamo", "frontendEngine: dynamo\n    rateWindowSeconds: 1")
                .contains("spec.metrics.rateWindowSeconds"));
        String layout = error("- name: aggregated", "- name: decode");
        assertTrue(layout.contains("spec.pools") && layout.contains("one prefill and one decode"), layout);
    }

    @Test
    void prefillAndDecodePoolsComeInTheModelsOrderWhateverTheFileSays() throws Exception {
        ServingAutoscaler r = ConfigFile.read(Path.of("src", "test", "resources", "live", "serving-autoscaler.yaml"));
        assertEquals(List.of("decode", "prefill"), r.getSpec().pools.stream().map(p -> p.name).toList());
        assertEquals(List.of("prefill", "decode"), PoolOrder.of(r.getSpec()).stream().map(p -> p.name).toList());
        CapacityModel model = new ModelPolicyFactory(Fixtures.REGISTRY).model(r);
        assertEquals(List.of("prefill", "decode"), model.pools());
        // a long-prompt load: the prefill pool needs more workers than the decode pool
        int[] need = model.workersFor(new Load(60, 2048, 128), CapacityModel.Correction.NONE);
        assertTrue(need[0] > need[1], java.util.Arrays.toString(need));
    }
}
