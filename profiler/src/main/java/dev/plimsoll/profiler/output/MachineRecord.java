package dev.plimsoll.profiler.output;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.profiler.bench.Measurements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code machine.yaml} beside the profiled tables: the GPU, driver, toolkit and library versions,
 * clocks and temperatures seen, the date, what was planned, and what was not measured.
 *
 * @param tool                 "plimsoll profile" and its version
 * @param date                 ISO-8601 UTC start of the run
 * @param device               device name from the driver
 * @param gpuSpec              Plimsoll GPU id the tables are for
 * @param computeCapability    e.g. 9.0
 * @param multiprocessors      SMs
 * @param memoryBytes          device memory
 * @param l2Bytes              L2 cache
 * @param pciBusId             PCI address
 * @param cudaDriverVersion    CUDA version the driver supports
 * @param nvidiaDriver         driver version (nvidia-smi), null when unknown
 * @param nvcc                 nvcc version that built the kernels
 * @param cublasLt             cuBLASLt and CUDA runtime versions of the GEMM benchmark, null when it did not run
 * @param torch                torch version of the prefill benchmark, null when it did not run
 * @param decodeKernels        the kernels the decode-attention rows were measured with (their kernel_source);
 *                             empty in records written before there was a choice (our paged kernel)
 * @param depth                quick or full
 * @param layouts              models and layouts the plan came from
 * @param points               points planned
 * @param measured             points measured
 * @param durationS            wall time of the measurements
 * @param complete             false when the time limit stopped the run
 * @param readBandwidthBytesPerS  best streaming-read bandwidth
 * @param copyBandwidthBytesPerS  best copy bandwidth (reads plus writes)
 * @param states               nvidia-smi readings during the run
 * @param notes                what was not measured and why
 */
public record MachineRecord(String tool, String date, String device, String gpuSpec, String computeCapability,
                            int multiprocessors, long memoryBytes, long l2Bytes, String pciBusId,
                            String cudaDriverVersion, String nvidiaDriver, String nvcc, String cublasLt, String torch,
                            List<String> decodeKernels, String depth, List<String> layouts, int points, int measured, double durationS,
                            boolean complete, double readBandwidthBytesPerS, double copyBandwidthBytesPerS,
                            List<GpuState> states, List<String> notes) {
    public static final String FILE = "machine.yaml";

    /** Strings stay quoted: a PCI address such as 00000000:00:06.0 would read back as a YAML 1.1 number. */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public MachineRecord {
        layouts = layouts == null ? List.of() : List.copyOf(layouts);
        decodeKernels = decodeKernels == null ? List.of() : List.copyOf(decodeKernels);
        states = states == null ? List.of() : List.copyOf(states);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), YAML.writeValueAsString(this));
    }

    /** The record in {@code dir}, empty when the directory holds none (tables from elsewhere). */
    public static Optional<MachineRecord> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(YAML.readValue(f.toFile(), MachineRecord.class));
        } catch (IOException e) {
            throw new UserInputException(f + ": not a profile machine record: " + e.getMessage(), e);
        }
    }

    /** The provenance a calibration bundle built from these tables records. */
    public String provenance() {
        StringBuilder sb = new StringBuilder("profiled: ").append(tool).append(" on ").append(device).append(" (")
                .append(gpuSpec).append("), ");
        if (nvidiaDriver != null) {
            sb.append("driver ").append(nvidiaDriver).append(", ");
        }
        sb.append("CUDA ").append(cudaDriverVersion).append(", ").append(date, 0, Math.min(10, date.length()))
                .append("; GEMMs cuBLASLt");
        if (cublasLt != null) {
            sb.append(' ').append(cublasLt.split(" ")[0]);
        }
        // a record without decode_kernels predates the choice: it was measured on the CUDA-core kernel
        sb.append(", decode attention ").append(decodeKernels.isEmpty() ? Measurements.CUDA_CORE_DECODE_SOURCE
                : String.join(" and ", decodeKernels));
        if (torch != null) {
            sb.append(", prefill attention torch ").append(torch.split(" ")[0]).append(" SDPA");
        }
        return sb.append(complete ? "" : " (stopped by its time limit)").toString();
    }
}
