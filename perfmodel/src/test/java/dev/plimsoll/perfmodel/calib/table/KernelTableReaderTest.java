package dev.plimsoll.perfmodel.calib.table;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelTableReaderTest {
    private static final String GEMM = "kernel_source,gemm_dtype,m,n,k,latency\n"
            + "torch_flow,bfloat16,1,4096,4096,0.02\n"
            + "torch_flow,fp8,16,4096,4096,0.015\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void readsRowsInFamilyColumnOrder() throws IOException {
        KernelTable t = KernelTableReader.read(write("gemm_trtllm.csv", GEMM));
        assertEquals(KernelFamily.GEMM, t.family());
        assertEquals("trtllm", t.framework());
        assertEquals(2, t.rows().size());
        KernelRow r = t.rows().get(1);
        assertEquals("fp8", r.category());
        assertArrayEquals(new double[]{4096, 4096}, r.shape());
        assertArrayEquals(new double[]{16}, r.grid());
        assertEquals(0.015, r.latencyMs());
        assertEquals("torch_flow", r.kernel());
        assertEquals(3, r.line());
    }

    @Test
    void readsGzipAndToleratesOptionalColumns() throws IOException {
        // the trtllm custom all-reduce table leaves 'backend' empty; a profiler may omit it
        String csv = "allreduce_dtype,num_gpus,message_size,implementation,latency\nbfloat16,2,128,trtllm,0.0026\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        KernelTable t = KernelTableReader.read(new ByteArrayInputStream(bytes.toByteArray()), "x.csv.gz",
                KernelFamily.ALLREDUCE, "trtllm");
        assertEquals("bfloat16|trtllm|", t.rows().get(0).category());
    }

    @Test
    void missingColumnNamesFileLineAndColumn() throws IOException {
        Path p = write("gemm_vllm.csv", "gemm_dtype,m,n,latency\nbfloat16,1,2,0.1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> KernelTableReader.read(p));
        assertTrue(e.getMessage().startsWith(p + ":1: missing column 'k'"), e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws IOException {
        Path p = write("gemm_vllm.csv", GEMM + "torch_flow,bfloat16,8,abc,4096,0.03\n");
        UserInputException e = assertThrows(UserInputException.class, () -> KernelTableReader.read(p));
        assertEquals(p + ":4:4: column 'n' must be a number, found 'abc'", e.getMessage());
    }

    @Test
    void negativeLatencyIsRejected() throws IOException {
        Path p = write("gemm_vllm.csv", GEMM + "torch_flow,bfloat16,8,4096,4096,-0.5\n");
        UserInputException e = assertThrows(UserInputException.class, () -> KernelTableReader.read(p));
        assertEquals(p + ":4:6: column 'latency' must be a positive number of milliseconds, found -0.5",
                e.getMessage());
    }

    @Test
    void zeroTokensOnALogAxisIsRejected() throws IOException {
        Path p = write("gemm_vllm.csv", GEMM + "torch_flow,bfloat16,0,4096,4096,0.5\n");
        UserInputException e = assertThrows(UserInputException.class, () -> KernelTableReader.read(p));
        assertEquals(p + ":4:3: column 'm' must be a positive number, found 0", e.getMessage());
    }

    @Test
    void raggedLineAndEmptyLabelAreRejected() throws IOException {
        Path ragged = write("gemm_sglang.csv", GEMM + "torch_flow,bfloat16,8,4096\n");
        assertTrue(assertThrows(UserInputException.class, () -> KernelTableReader.read(ragged)).getMessage()
                .endsWith(":4: expected 6 fields, found 4"));
        Path empty = write("gemm_trtllm.csv", GEMM + "torch_flow,,8,4096,4096,0.1\n");
        assertTrue(assertThrows(UserInputException.class, () -> KernelTableReader.read(empty)).getMessage()
                .endsWith(":4:2: column 'gemm_dtype' is empty"));
    }

    @Test
    void emptyFileAndUnknownNameAreClearErrors() throws IOException {
        Path empty = write("nccl.csv", "");
        assertTrue(assertThrows(UserInputException.class, () -> KernelTableReader.read(empty)).getMessage()
                .contains(":1: empty kernel table"));
        Path odd = write("weights.csv", GEMM);
        assertTrue(assertThrows(UserInputException.class, () -> KernelTableReader.read(odd)).getMessage()
                .contains("not a kernel table name"));
    }

    @Test
    void quotedFieldsAreSplitCorrectly() {
        assertArrayEquals(new String[]{"a,b", "c\"d", ""}, KernelTableReader.splitLine("\"a,b\",\"c\"\"d\","));
    }

    @Test
    void fileNamesMapToFamilies() {
        assertEquals(new KernelFamily.TableFile(KernelFamily.ALLREDUCE, "vllm"),
                KernelFamily.parseFileName("custom_allreduce_vllm.csv.gz").orElseThrow());
        assertEquals(new KernelFamily.TableFile(KernelFamily.NCCL, ""),
                KernelFamily.parseFileName("nccl.csv.gz").orElseThrow());
        assertEquals(new KernelFamily.TableFile(KernelFamily.GENERATION_MLA, "sglang"),
                KernelFamily.parseFileName("generation_mla_sglang.csv").orElseThrow());
        assertTrue(KernelFamily.parseFileName("gemm.csv.gz").isEmpty());
        assertTrue(KernelFamily.parseFileName("gemm_vllm.txt").isEmpty());
    }
}
