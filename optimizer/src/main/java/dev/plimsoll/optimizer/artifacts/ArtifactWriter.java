package dev.plimsoll.optimizer.artifacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code plimsoll plan --save-dir}: plan.json; frontier and top configurations as CSV and
 * JSON; the Pareto plot as PNG and SVG; and for the best aggregated and best disaggregated
 * deployments, in the engine the plan chose, a Dynamo DynamoGraphDeployment (NVIDIA GPUs), plain
 * Kubernetes manifests, a launch script and, for TensorRT-LLM, its LLM API options files.
 */
public final class ArtifactWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ArtifactWriter() {
    }

    /** @return the files written */
    public static List<Path> write(PlanResult r, Path dir, ArtifactOptions o) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException("--save-dir " + dir + ": cannot create the directory (" + e.getMessage() + ")");
        }
        put(written, dir.resolve("plan.json"), json(PlanJson.of(r)));
        put(written, dir.resolve("frontier.json"), json(PlanJson.configs(r.frontier())));
        put(written, dir.resolve("frontier.csv"), CsvExport.csv(r.frontier()));
        put(written, dir.resolve("top.json"), json(PlanJson.configs(r.top())));
        put(written, dir.resolve("top.csv"), CsvExport.csv(r.top()));
        Path png = dir.resolve("pareto.png");
        Path svg = dir.resolve("pareto.svg");
        ParetoPlot.write(r, png, svg);
        written.add(png);
        written.add(svg);
        for (Proposal p : new Proposal[] {r.bestAggregated(), r.bestDisaggregated()}) {
            if (p != null) {
                written.addAll(writeDeployment(p, dir, p.architecture().key(), o));
            }
        }
        return written;
    }

    /**
     * One deployment's Dynamo graph (where Dynamo can serve it), Kubernetes manifests and launch
     * script in its own engine, named {@code dynamo-NAME.yaml}, {@code k8s-NAME.yaml} and
     * {@code launch-NAME-ENGINE.sh}, and for TensorRT-LLM the options file of each pool the script
     * passes to {@code trtllm-serve}, {@code trtllm-NAME-POOL.yaml}; used by {@link #write} for
     * the winners and by the GUI for the point a user picked.
     *
     * @return the files written
     */
    public static List<Path> writeDeployment(Proposal p, Path dir, String name, ArtifactOptions o) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot create the directory (" + e.getMessage() + ")");
        }
        String dgd = DynamoGraph.yaml(p, o);
        String dgdFile = "dynamo-" + name + ".yaml";
        if (dgd != null) {
            put(written, dir.resolve(dgdFile), dgd);
        }
        put(written, dir.resolve("k8s-" + name + ".yaml"), KubernetesManifests.yaml(p, o));
        String engine = LaunchCommands.engine(p);
        if (engine.equals("trtllm")) {
            for (PoolPlan pool : p.pools()) {
                put(written, dir.resolve(TrtllmLaunch.configFile(name, pool)),
                        TrtllmLaunch.optionsYaml(pool, p.architecture(), o, p.describe()));
            }
        }
        put(written, dir.resolve("launch-" + name + "-" + engine + ".sh"),
                LaunchCommands.script(p, o, name, dgd != null ? dgdFile : null));
        return written;
    }

    private static void put(List<Path> written, Path file, String text) {
        try {
            Files.writeString(file, text.endsWith("\n") ? text : text + "\n");
            if (file.getFileName().toString().endsWith(".sh")) {
                // a launch script runs as ./launch-agg-vllm.sh; a file system without the bit keeps the file as is
                file.toFile().setExecutable(true);
            }
        } catch (IOException e) {
            throw new UserInputException("--save-dir: cannot write " + file + " (" + e.getMessage() + ")");
        }
        written.add(file);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
