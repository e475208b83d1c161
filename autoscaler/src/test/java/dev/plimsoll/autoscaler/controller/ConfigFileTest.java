package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
        assertTrue(error("maxReplicas: 8", "maxReplicas: 0").contains("spec.pools[0].maxReplicas"));
        assertTrue(error("kind: ServingAutoscaler", "kind: Deployment").contains("kind"));
        assertTrue(error("prometheusUrl: http://prometheus-operated.monitoring:9090", "prometheusUrl: nowhere")
                .contains("spec.metrics.prometheusUrl"));
        String wrongType = error("ttftMs: 1000", "ttftMs: fast");
        assertTrue(wrongType.contains("spec.sla.ttftMs") && wrongType.contains(":"), wrongType);
        assertTrue(error("  gpu: h100-sxm\n", "").contains("spec.gpu"));
    }
}
