package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AicSiliconReaderTest {
    static final String HEADER = String.join(",", AicSiliconReader.REQUIRED);

    static String row(String id, String concurrency, String mode, String ttft) {
        // id,concurrency,backend,model_path,system,mode,isl,osl,gemm,moe,tp,pp,dp,moe_tp,moe_ep,batch,
        // prefill x7, decode x7, ttft, tpot
        return String.join(",", id, concurrency, "vllm", "meta-llama/Llama-3.1-8B-Instruct", "h100_sxm", mode, "1024",
                "128", "", "", "2", "1", "", "1", "1", "8", "", "1", "1", "1", "1", "0", "", "", "2", "1", "1", "1",
                "0", "", ttft, "5.5");
    }

    @Test
    void readsTheSharedMeasuredDeployments() {
        List<MeasuredDeployment> rows = AicSiliconReader.read(TestSpecs.sharedData().resolve("e2e/h100_sxm.csv")).rows();
        assertEquals(917, rows.size());
        long disagg = rows.stream().filter(MeasuredDeployment::disaggregated).count();
        assertEquals(107, disagg);
        MeasuredDeployment first = rows.get(0);
        assertEquals(6, first.concurrency());
        assertEquals(16, first.prefill().dp());
        assertEquals(3, first.decode().workers());
        assertEquals(16, first.decode().tp());
        assertNull(first.agg());
    }

    @Test
    void emptyCellsMeanNotRecordedAndZeroSplitsMeanOne(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, HEADER + "\n" + row("a", "8", "agg", "120.5") + "\n");
        MeasuredDeployment d = AicSiliconReader.read(f).rows().get(0);
        assertEquals(2, d.agg().tp());
        assertEquals(1, d.agg().dp());
        assertEquals(8, d.concurrency());
        assertEquals(120.5, d.ttftMs());
    }

    @Test
    void badCellsAreReturnedAsMalformedLinesNamingFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, HEADER + "\n" + row("a", "8", "agg", "1") + "\n" + row("b", "x", "agg", "1") + "\n"
                + row("c", "8", "agg", "-3") + "\n" + row("d", "8", "both", "3") + "\n");
        MeasuredFile read = AicSiliconReader.read(f);
        assertEquals(List.of("a"), read.rows().stream().map(MeasuredDeployment::id).collect(Collectors.toList()));
        assertEquals(4, read.lines());
        List<MeasuredFile.MalformedRow> bad = read.malformed();
        assertEquals(List.of(3, 4, 5), bad.stream().map(MeasuredFile.MalformedRow::line).collect(Collectors.toList()));
        assertEquals("b", bad.get(0).id());
        assertTrue(bad.get(0).reason().endsWith("m.csv:3: column concurrency must be an integer, got 'x'"),
                bad.get(0).reason());
        assertTrue(bad.get(1).reason().contains(":4: column silicon_ttft_ms must be a positive number"),
                bad.get(1).reason());
        assertTrue(bad.get(2).reason().contains(":5: column mode must be agg or disagg"), bad.get(2).reason());
    }

    @Test
    void missingColumnsAndEmptyFilesAreRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, "id,concurrency\n1,2\n");
        UserInputException e = assertThrows(UserInputException.class, () -> AicSiliconReader.read(f));
        assertTrue(e.getMessage().contains(":1: missing column(s) backend, model_path"), e.getMessage());
        Files.writeString(f, "");
        assertTrue(assertThrows(UserInputException.class, () -> AicSiliconReader.read(f)).getMessage()
                .contains("empty file"));
        Files.writeString(f, HEADER + "\n");
        assertTrue(assertThrows(UserInputException.class, () -> AicSiliconReader.read(f)).getMessage()
                .contains("no deployments"));
        assertTrue(assertThrows(UserInputException.class, () -> AicSiliconReader.read(dir.resolve("none.csv")))
                .getMessage().contains("no such file"));
    }

    @Test
    void anExpertLayoutWiderThanTheAttentionTpIsTheEnginesWorldSize(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        String line = row("a", "8", "agg", "120.5");
        List<String> cols = List.of(HEADER.split(","));
        String[] cells = line.split(",", -1);
        cells[cols.indexOf("tp_size")] = "1";
        cells[cols.indexOf("moe_tp_size")] = "4";
        cells[cols.indexOf("moe_ep_size")] = "1";
        Files.writeString(f, HEADER + "\n" + String.join(",", cells) + "\n");
        PoolLayout pool = AicSiliconReader.read(f).rows().get(0).agg();
        assertEquals(4, pool.tp(), "vLLM and SGLang run attention and experts in one TP group of moe_tp x moe_ep GPUs");
        assertEquals(4, pool.gpus());
    }

    /**
     * The layouts of the H200 Qwen3-235B vLLM rows: AIConfigurator's vLLM rule sets
     * tensor_parallel_size = moe_tp x moe_ep / dp, so tp 2 with moe_tp 4 ran on 4 GPUs, and an expert-
     * parallel layout that already spans the attention TP (tp 2, moe_ep 2) stays as recorded.
     */
    @Test
    void theEnginesWorldIsMoeTpTimesMoeEpOnlyWhereThatIsWider(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        List<String> cols = List.of(HEADER.split(","));
        String[] wider = row("a", "8", "agg", "120.5").split(",", -1);
        wider[cols.indexOf("tp_size")] = "2";
        wider[cols.indexOf("moe_tp_size")] = "4";
        wider[cols.indexOf("moe_ep_size")] = "1";
        String[] spanned = row("b", "8", "agg", "120.5").split(",", -1);
        spanned[cols.indexOf("tp_size")] = "2";
        spanned[cols.indexOf("moe_tp_size")] = "1";
        spanned[cols.indexOf("moe_ep_size")] = "2";
        Files.writeString(f, HEADER + "\n" + String.join(",", wider) + "\n" + String.join(",", spanned) + "\n");
        List<MeasuredDeployment> rows = AicSiliconReader.read(f).rows();
        PoolLayout widened = rows.get(0).agg();
        assertEquals(4, widened.tp());
        assertEquals(4, widened.moeTp());
        assertEquals(4, widened.gpus());
        PoolLayout kept = rows.get(1).agg();
        assertEquals(2, kept.tp());
        assertEquals(1, kept.moeTp());
        assertEquals(2, kept.moeEp());
        assertEquals(2, kept.gpus());
    }
}
