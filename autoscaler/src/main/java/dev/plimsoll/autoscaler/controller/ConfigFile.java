package dev.plimsoll.autoscaler.controller;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.autoscaler.crd.ServingAutoscalerSpec;
import dev.plimsoll.perfmodel.error.UserInputException;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a {@code ServingAutoscaler} from a YAML file (the CRD's schema) and checks it: every
 * error names the file and the field (or line and column).
 */
public final class ConfigFile {
    /** The kinds {@code actuate/KubernetesActuator} can resize. */
    public static final Set<String> TARGET_KINDS = Set.of("Deployment", "StatefulSet", "LeaderWorkerSet",
            "DynamoGraphDeploymentScalingAdapter", "DynamoGraphDeployment");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ConfigFile() {
    }

    public static ServingAutoscaler read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": no such file");
        }
        ServingAutoscaler r;
        try {
            // kind and apiVersion from the text: the resource class always answers its own
            JsonNode tree = YAML.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new UserInputException(file + ": expected a ServingAutoscaler resource (a YAML mapping)");
            }
            String kind = HasMetadata.getKind(ServingAutoscaler.class);
            String apiVersion = HasMetadata.getApiVersion(ServingAutoscaler.class);
            require(kind.equals(tree.path("kind").asText()), file.toString(), "kind", "expected " + kind + ", got "
                    + tree.path("kind").asText("nothing"));
            require(apiVersion.equals(tree.path("apiVersion").asText()), file.toString(), "apiVersion", "expected "
                    + apiVersion + ", got " + tree.path("apiVersion").asText("nothing"));
            r = YAML.readValue(file.toFile(), ServingAutoscaler.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                    : "[" + ref.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            throw new UserInputException(file + at(e.getLocation()) + ": " + (field.isEmpty() ? "" : field + ": ")
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + at(e.getLocation()) + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (r == null) {
            throw new UserInputException(file + ": empty");
        }
        validate(r, file.toString());
        return r;
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
    }

    /** Checks a resource read from a file or the API; {@code where} prefixes each message. */
    public static void validate(ServingAutoscaler r, String where) {
        require(r.getMetadata() != null && r.getMetadata().getName() != null, where, "metadata.name", "missing");
        ServingAutoscalerSpec s = r.getSpec();
        require(s != null, where, "spec", "missing");
        require(s.model != null && !s.model.isBlank(), where, "spec.model", "missing");
        require(s.gpu != null && !s.gpu.isBlank(), where, "spec.gpu", "missing");
        require(s.pools != null && !s.pools.isEmpty(), where, "spec.pools", "at least one pool is needed");
        for (int i = 0; i < s.pools.size(); i++) {
            ServingAutoscalerSpec.Pool p = s.pools.get(i);
            String f = "spec.pools[" + i + "]";
            require(p.name != null && Set.of("aggregated", "prefill", "decode").contains(p.name), where, f + ".name",
                    "expected aggregated, prefill or decode, got " + p.name);
            require(p.targetKind != null && TARGET_KINDS.contains(p.targetKind), where, f + ".targetKind",
                    "expected one of " + String.join(", ", TARGET_KINDS.stream().sorted().toList()) + ", got "
                            + p.targetKind);
            require(p.targetName != null && !p.targetName.isBlank(), where, f + ".targetName", "missing");
            require(!p.targetKind.equals("DynamoGraphDeployment") || p.service != null, where, f + ".service",
                    "a DynamoGraphDeployment target needs the service under spec.services");
            // a pool at zero would lose its queue and its metrics: the policy keeps one worker at least
            require(p.minReplicas >= 1 && p.maxReplicas >= p.minReplicas, where, f + ".maxReplicas",
                    "needs 1 <= minReplicas <= maxReplicas, got " + p.minReplicas + ".." + p.maxReplicas);
            require(p.gangSize >= 1 && p.tensorParallel >= 1 && p.pipelineParallel >= 1 && p.dataParallel >= 1,
                    where, f, "gangSize, tensorParallel, pipelineParallel and dataParallel must be >= 1");
        }
        require(PoolOrder.valid(s.pools.stream().map(p -> String.valueOf(p.name)).toList()), where, "spec.pools",
                "expected one aggregated pool, or one prefill and one decode pool; got "
                        + s.pools.stream().map(p -> String.valueOf(p.name)).toList());
        require(s.sla != null && s.sla.ttftMs > 0 && s.sla.itlMs > 0, where, "spec.sla", "ttftMs and itlMs must be > 0");
        // the percentiles the model sizes at (optimizer SlaTarget)
        require(s.sla.percentile == 50 || s.sla.percentile == 90 || s.sla.percentile == 99, where,
                "spec.sla.percentile", "expected 50, 90 or 99, got " + s.sla.percentile);
        require(s.intervalSeconds >= 1, where, "spec.intervalSeconds", "must be >= 1, got " + s.intervalSeconds);
        require(s.slowIntervalSeconds == null || s.slowIntervalSeconds >= s.intervalSeconds, where,
                "spec.slowIntervalSeconds", "must be >= spec.intervalSeconds (" + s.intervalSeconds + "), got "
                        + s.slowIntervalSeconds);
        require(s.startupSeconds >= 0, where, "spec.startupSeconds", "must be >= 0, got " + s.startupSeconds);
        require(s.gpuBudget == null || s.gpuBudget >= 1, where, "spec.gpuBudget", "must be >= 1, got " + s.gpuBudget);
        require(s.referenceInputTokens >= 1 && s.referenceOutputTokens >= 1, where, "spec.referenceInputTokens",
                "reference request sizes must be >= 1");
        require(s.metrics != null && s.metrics.prometheusUrl != null, where, "spec.metrics.prometheusUrl", "missing");
        require(s.metrics.rateWindowSeconds == null || s.metrics.rateWindowSeconds >= 2, where,
                "spec.metrics.rateWindowSeconds", "must be >= 2 (a rate needs two scrapes), got "
                        + s.metrics.rateWindowSeconds);
        try {
            URI u = URI.create(s.metrics.prometheusUrl);
            require(u.getScheme() != null && u.getHost() != null, where, "spec.metrics.prometheusUrl",
                    "expected http(s)://host[:port], got " + s.metrics.prometheusUrl);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + ": spec.metrics.prometheusUrl: not a URL: " + s.metrics.prometheusUrl);
        }
    }

    private static void require(boolean ok, String where, String field, String message) {
        if (!ok) {
            throw new UserInputException(where + ": " + field + ": " + message);
        }
    }
}
