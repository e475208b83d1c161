package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.validate.InferenceXSearchSpaces.Entry;
import dev.plimsoll.perfmodel.validate.InferenceXSearchSpaces.Point;
import dev.plimsoll.perfmodel.validate.InferenceXSearchSpaces.Reading;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which measured points InferenceX's configurations read as speculative-decoding runs. */
class InferenceXSearchSpacesTest {
    /** A made-up pair: the -mtp configuration sweeps further than the plain one and adds attention DP. */
    private static final InferenceXSearchSpaces SPACES = new InferenceXSearchSpaces(List.of(
            new Entry("m-fp8-h200-trt", "m", "h200", "fp8", "trt", false, 1024, 1024, 8, 8, false, 4, 32),
            new Entry("m-fp8-h200-trt-mtp", "m", "h200", "fp8", "trt", true, 1024, 1024, 8, 8, false, 4, 96),
            new Entry("m-fp8-h200-trt-mtp", "m", "h200", "fp8", "trt", true, 1024, 1024, 8, 8, true, 128, 256)));

    private static Point point(int concurrency, boolean dpAttention) {
        return new Point("m", "h200", "fp8", "trt", 1024, 1024, 8, 8, dpAttention, concurrency);
    }

    @Test
    void aPointOnlyAnMtpConfigurationDefinesIsAnMtpRun() {
        InferenceXSearchSpaces.Match c64 = SPACES.read(point(64, false));
        assertEquals(Reading.MTP, c64.reading());
        assertEquals(Optional.of("m-fp8-h200-trt-mtp"), c64.mtpConfig());
        assertEquals(Reading.MTP, SPACES.read(point(256, true)).reading());
    }

    @Test
    void aPointBothDefineIsAmbiguousAndScoredAsPlain() {
        InferenceXSearchSpaces.Match c16 = SPACES.read(point(16, false));
        assertEquals(Reading.AMBIGUOUS, c16.reading());
        assertEquals(Optional.empty(), c16.mtpConfig());
    }

    @Test
    void theSweepDoublesFromItsStartAndStopsAtItsEnd() {
        assertEquals(Reading.PLAIN, SPACES.read(point(48, false)).reading(), "4, 8, 16, 32, 64: no 48");
        assertEquals(Reading.MTP, SPACES.read(point(96, false)).reading(), "64 doubles past 96: capped at conc-end");
        assertEquals(Reading.PLAIN, SPACES.read(point(64, true)).reading(), "attention DP starts at 128");
    }

    @Test
    void anotherGpuOrLayoutIsNotTheConfigurationsPoint() {
        assertEquals(Reading.PLAIN, SPACES.read(new Point("m", "b200", "fp8", "trt", 1024, 1024, 8, 8, false, 64))
                .reading());
        assertEquals(Reading.PLAIN, SPACES.read(new Point("m", "h200", "fp8", "trt", 1024, 1024, 8, 1, false, 64))
                .reading());
    }

    @Test
    void theTranscriptionParsesCommentsHeaderAndEntries() throws IOException {
        String csv = "# a comment\nconfig,model_prefix,runner,precision,framework,spec_decoding,isl,osl,tp,ep,dp_attn,"
                + "conc_start,conc_end\nx-mtp,dsr1,b200,fp4,trt,mtp,8192,1024,4,4,true,256,256\n";
        List<Entry> entries = InferenceXSearchSpaces.parse(new BufferedReader(new StringReader(csv)));
        assertEquals(List.of(new Entry("x-mtp", "dsr1", "b200", "fp4", "trt", true, 8192, 1024, 4, 4, true, 256, 256)),
                entries);
    }
}
