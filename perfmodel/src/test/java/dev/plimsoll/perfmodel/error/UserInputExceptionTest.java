package dev.plimsoll.perfmodel.error;

import dev.plimsoll.perfmodel.specs.GpuSpecYaml;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The CLI prints a user error as one line, whatever the input echoed in it holds. */
class UserInputExceptionTest {

    /** Fuzzing finding (GpuSpecYamlFuzzTest): a document that is a multi-line string was echoed with its line breaks. */
    @Test
    void lineBreaksOfAnEchoedValueAreWrittenAsEscapes() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> GpuSpecYaml.parse("\"first\\nsecond\\r\\nthird\"\n", "gpu.yaml"));
        assertEquals("gpu.yaml:1:1: the document must be a mapping of keys, got the string "
                + "'first\\nsecond\\r\\nthird'", e.getMessage());
    }

    @Test
    void anEmptyMessageStillSaysSomething() {
        assertEquals("invalid input (no detail given)", new UserInputException(" ").getMessage());
    }
}
