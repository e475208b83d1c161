package dev.plimsoll.gui.validate;

import dev.plimsoll.gui.TestServices;
import dev.plimsoll.gui.service.Cancellation;
import dev.plimsoll.gui.service.ProgressSink;
import dev.plimsoll.gui.service.ValidateService;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.validate.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateViewModelTest {
    private static final String HEADER = "id,concurrency,backend,backend_version,model_path,system,precision,mode,isl,"
            + "osl,gemm_quant_mode,moe_quant_mode,batch_size,tp_size,pp_size,attention_dp_size,moe_tp_size,moe_ep_size,"
            + "prefill_batch_size,prefill_num_workers,prefill_tp_size,prefill_pp_size,prefill_attention_dp_size,"
            + "prefill_moe_tp_size,prefill_moe_ep_size,decode_batch_size,decode_num_workers,decode_tp_size,"
            + "decode_pp_size,decode_attention_dp_size,decode_moe_tp_size,decode_moe_ep_size,silicon_ttft_ms,silicon_tpot_ms,source";

    @Test
    void aMissingFileIsNamed() {
        ValidateViewModel vm = new ValidateViewModel();
        vm.measuredFileProperty().set("/no/such/measured.csv");
        UserInputException e = assertThrows(UserInputException.class, vm::measuredPath);
        assertTrue(e.getMessage().contains("/no/such/measured.csv"));
    }

    @Test
    void predictionsAreScoredAndGrouped(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("measured.csv");
        Files.writeString(csv, HEADER + "\n"
                + "a,8,vllm,0.11,meta-llama/Llama-3.1-8B-Instruct,h100_sxm,bf16,agg,1000,100,bf16,,8,1,1,1,1,1,"
                + ",,,,,,,,,,,,,,60.0,8.0,img\n"
                + "b,16,vllm,0.11,meta-llama/Llama-3.1-8B-Instruct,h100_sxm,bf16,agg,1000,100,bf16,,16,1,1,1,1,1,"
                + ",,,,,,,,,,,,,,80.0,9.0,img\n");
        ValidationReport r = new ValidateService(TestServices.get()).validate(csv, null, "llama", ProgressSink.NONE,
                Cancellation.NEVER);
        assertEquals(2, r.rows());
        ValidateViewModel vm = new ValidateViewModel();
        vm.finished(r);
        assertEquals("all", vm.summary().get(0).group());
        assertEquals(r.covered(), vm.summary().get(0).rows());
        assertEquals(r.groups().size() + 1, vm.summary().size());
        assertTrue(vm.statusProperty().get().contains(r.covered() + " of 2 fully specified rows predicted"),
                vm.statusProperty().get());
        assertEquals(r.covered(), ValidateViewModel.byGroup(r).values().stream().mapToInt(List::size).sum());
    }

    @Test
    void aFilterThatMatchesNothingSaysSo(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("measured.csv");
        Files.writeString(csv, HEADER + "\n"
                + "a,8,vllm,0.11,meta-llama/Llama-3.1-8B-Instruct,h100_sxm,bf16,agg,1000,100,bf16,,8,1,1,1,1,1,"
                + ",,,,,,,,,,,,,,60.0,8.0,img\n");
        UserInputException e = assertThrows(UserInputException.class, () -> new ValidateService(TestServices.get())
                .validate(csv, null, "deepseek", ProgressSink.NONE, Cancellation.NEVER));
        assertTrue(e.getMessage().contains("'deepseek'"), e.getMessage());
    }
}
