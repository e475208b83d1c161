package dev.plimsoll.perfmodel.calib.table;

import java.util.List;

/**
 * One kernel table as read from a file.
 *
 * @param family    what it measures
 * @param framework trtllm, vllm, sglang ("" for NCCL)
 * @param source    file it came from (for messages)
 * @param rows      rows in file order
 */
public record KernelTable(KernelFamily family, String framework, String source, List<KernelRow> rows) {
    public KernelTable {
        rows = List.copyOf(rows);
    }
}
