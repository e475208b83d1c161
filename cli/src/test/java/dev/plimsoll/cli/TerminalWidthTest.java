package dev.plimsoll.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, finding 8: output fits a 100-column terminal unless {@code --wide} asks for every
 * column, root help lists every command with a whole sentence, and no help says "Usage: Usage:".
 */
class TerminalWidthTest {
    private static final int WIDTH = 100;

    @Test
    void planFitsOneHundredColumnsAndWideShowsEverything() {
        String[] plan = {"plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm,h200-sxm", "--rate", "10", "--isl",
                "2000", "--osl", "300", "--ttft", "1000", "--tpot", "40", "--itl", "60"};
        CliRun r = CliRun.of(plan);
        assertEquals(0, r.exitCode(), r.err());
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= WIDTH, line.length() + " columns: " + line);
        }
        assertTrue(r.out().contains("  why: "), r.out());
        CliRun wide = CliRun.of(SimulateWarningsTest.with(plan, "--wide"));
        assertEquals(0, wide.exitCode(), wide.err());
        assertTrue(wide.out().lines().anyMatch(l -> l.length() > WIDTH), "--wide keeps long lines");
        for (String column : new String[] {"bottleneck", "USD/Mtok", "req/s", "cuda-graph-max-bs", "chunked"}) {
            assertTrue(wide.out().contains(column), "--wide shows " + column);
        }
        assertTrue(wide.out().contains(" x prefill ") || !wide.out().contains("disagg"), "full layouts");
    }

    @Test
    void rootHelpListsEveryCommandWithAWholeSentence() {
        String help = help(Main.newCommandLine());
        List<String> entries = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= WIDTH, line);
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.startsWith("  ") && !line.startsWith("    ")) {
                entries.add(line.strip());
            } else if (inCommands && line.startsWith("    ")) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        assertTrue(entries.size() >= 10, help);
        for (String e : entries) {
            assertTrue(e.endsWith("."), "cut description: " + e);
        }
    }

    @Test
    void noHelpSaysUsageTwice() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.newCommandLine(), all);
        for (CommandLine c : all) {
            String help = help(c);
            assertFalse(help.contains("Usage: Usage:"), c.getCommandName() + ":\n" + help);
            assertTrue(help.contains("Usage: "), c.getCommandName());
        }
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!out.contains(sub)) {
                collect(sub, out);
            }
        }
    }

    private static String help(CommandLine c) {
        StringWriter w = new StringWriter();
        c.usage(new PrintWriter(w));
        return w.toString();
    }
}
