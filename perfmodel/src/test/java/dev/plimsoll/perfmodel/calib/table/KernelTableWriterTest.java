package dev.plimsoll.perfmodel.calib.table;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelTableWriterTest {
    private static KernelTable table(List<KernelRow> rows) {
        return new KernelTable(KernelFamily.GENERATION_ATTENTION, "vllm", "mem", rows);
    }

    private static KernelRow row(String cat, double batch, double step, double ms) {
        return new KernelRow(cat, new double[]{32, 8, 128, 0}, new double[]{batch, step}, "fa3", ms, 0);
    }

    @Test
    void roundTripsSortedAndRounded() throws IOException {
        KernelTable t = table(List.of(row("bfloat16|fp8", 4, 7, 0.0123456789), row("bfloat16|bfloat16", 8, 0, 1.5)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KernelTableWriter.write(t, out);
        KernelTable back = KernelTableReader.read(new ByteArrayInputStream(out.toByteArray()), "back",
                KernelFamily.GENERATION_ATTENTION, "vllm");
        assertEquals(2, back.rows().size());
        assertEquals("bfloat16|bfloat16", back.rows().get(0).category());
        assertEquals(0.012346, back.rows().get(1).latencyMs());
        assertArrayEquals(new double[]{4, 7}, back.rows().get(1).grid());
        assertEquals("fa3", back.rows().get(1).kernel());
    }

    @Test
    void sameInputGivesSameBytes() throws IOException {
        List<KernelRow> rows = List.of(row("bfloat16|fp8", 4, 7, 0.02), row("bfloat16|fp8", 2, 7, 0.01));
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        KernelTableWriter.write(table(rows), a);
        KernelTableWriter.write(table(List.of(rows.get(1), rows.get(0))), b);
        assertArrayEquals(a.toByteArray(), b.toByteArray());
    }

    @Test
    void numbersAreWrittenCompactly() {
        assertEquals("4096", KernelTableWriter.number(4096.0));
        assertEquals("0.5", KernelTableWriter.number(0.5));
        assertEquals("0.0026621", KernelTableWriter.latency(0.002662079930305481));
        assertEquals("39.301", KernelTableWriter.latency(39.30102284749349));
    }
}
