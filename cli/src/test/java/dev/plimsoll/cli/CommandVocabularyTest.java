package dev.plimsoll.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, finding 9 and "one vocabulary": {@code plan}, {@code simulate}, {@code estimate},
 * {@code fleet} and {@code validate} share their option names, each concept declared once (one
 * picocli mixin) so that a name means one thing and reads the same in every help; the names of the
 * previous release still parse, hidden.
 */
class CommandVocabularyTest {
    private static final List<String> COMMANDS = List.of("plan", "simulate", "estimate", "fleet", "validate");

    /** Each shared concept, the class that declares its options, and the commands that take it. */
    private static final Map<String, List<String>> CONCEPTS = new LinkedHashMap<>();

    static {
        CONCEPTS.put("ModelOptions --model", List.of("plan", "simulate", "estimate"));
        CONCEPTS.put("GpuOptions --gpu", List.of("plan", "simulate", "estimate"));
        CONCEPTS.put("QuantOptions --quant", List.of("plan", "simulate", "estimate"));
        CONCEPTS.put("QuantOptions --kv-dtype", List.of("plan", "simulate", "estimate"));
        for (String layout : new String[] {"--tp", "--pp", "--ep", "--dp"}) {
            CONCEPTS.put("LayoutOptions " + layout, List.of("simulate", "estimate"));
        }
        CONCEPTS.put("RequestShapeOptions --isl", List.of("plan", "simulate", "estimate"));
        CONCEPTS.put("RequestShapeOptions --osl", List.of("plan", "simulate", "estimate"));
        CONCEPTS.put("RequestShapeOptions --shared-prefix", List.of("plan", "simulate"));
        CONCEPTS.put("OutputOptions --output", COMMANDS);
        CONCEPTS.put("SpecOptions --specs-dir", COMMANDS);
        CONCEPTS.put("CostOptions --calibration", COMMANDS);
        CONCEPTS.put("CostOptions --roofline", COMMANDS);
        CONCEPTS.put("SlaOptions --ttft", List.of("plan", "simulate"));
        CONCEPTS.put("SlaOptions --tpot", List.of("plan", "simulate"));
        CONCEPTS.put("SlaOptions --itl", List.of("plan", "simulate"));
        CONCEPTS.put("SlaOptions --e2e", List.of("plan", "simulate"));
        CONCEPTS.put("SlaOptions --percentile", List.of("plan", "simulate"));
        CONCEPTS.put("MissOptions --fail-on-miss", List.of("plan", "simulate"));
    }

    private static CommandLine command(String name) {
        CommandLine c = Main.newCommandLine().getSubcommands().get(name);
        assertNotNull(c, name);
        return c;
    }

    @Test
    void everySharedConceptIsDeclaredOnceAndUsedByEachCommand() {
        for (Map.Entry<String, List<String>> e : CONCEPTS.entrySet()) {
            String owner = e.getKey().split(" ")[0];
            String option = e.getKey().split(" ")[1];
            for (String name : e.getValue()) {
                OptionSpec o = command(name).getCommandSpec().findOption(option);
                assertNotNull(o, name + " takes " + option);
                assertTrue(String.valueOf(o.userObject()).contains("dev.plimsoll.cli." + owner + "."),
                        name + " " + option + " comes from " + owner + ", not " + o.userObject());
            }
        }
    }

    /**
     * A name shared by two commands has one parameter label (a list where {@code plan} searches
     * several values, {@code G[,G2...]}, reads as the single form plus its list) and, when one class
     * declares it, one description.
     */
    @Test
    void aSharedNameReadsTheSameInEveryHelp() {
        Map<String, Map<String, String>> labels = new TreeMap<>();
        for (String name : COMMANDS) {
            for (OptionSpec o : command(name).getCommandSpec().options()) {
                if (o.hidden() || o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                String label = o.paramLabel().replaceAll("\\[.*$", "");
                labels.computeIfAbsent(o.longestName(), k -> new TreeMap<>()).put(name, o.arity().max() == 0 ? ""
                        : label);
            }
        }
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : labels.entrySet()) {
            if (e.getValue().values().stream().distinct().count() > 1) {
                differ.add(e.getKey() + " " + e.getValue());
            }
        }
        assertEquals(List.of(), differ, "options whose label differs between commands");
    }

    /** Missing request sizes get one message in every command, and plan takes sizes or a trace, not both. */
    @Test
    void requestSizesAreAskedForAlike() {
        String sizes = "give the request sizes: --isl and --osl (tokens in and out per request)";
        CliRun estimate = CliRun.of("estimate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--osl", "10");
        assertEquals(2, estimate.exitCode());
        assertTrue(estimate.err().contains(sizes + "; got only --osl"), estimate.err());
        CliRun plan = CliRun.of("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "1", "--ttft",
                "1000", "--tpot", "50");
        assertEquals(2, plan.exitCode());
        assertTrue(plan.err().contains(sizes + ", or --trace FILE"), plan.err());
        CliRun both = CliRun.of("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "1", "--ttft",
                "1000", "--tpot", "50", "--isl", "100", "--osl", "10", "--trace", "t.csv");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give the request sizes once"), both.err());
        CliRun list = CliRun.of("estimate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm,h200-sxm", "--isl", "10",
                "--osl", "10");
        assertEquals(2, list.exitCode());
        assertTrue(list.err().contains("estimate runs on one GPU type"), list.err());
    }

    /** fleet's solver limit and simulate's clock limit were both --time-limit: one name, two meanings. */
    @Test
    void noVisibleNameMeansTwoThings() {
        OptionSpec fleet = command("fleet").getCommandSpec().findOption("--time-limit");
        assertTrue(fleet != null && fleet.hidden(), "fleet's old name parses, hidden");
        assertNotNull(command("fleet").getCommandSpec().findOption("--solver-time-limit"));
        assertFalse(command("simulate").getCommandSpec().findOption("--time-limit").hidden());
    }

    /** The previous release's names parse for one more release and no help shows them. */
    @Test
    void oldNamesAreHiddenAliases() {
        Map<String, List<String>> old = Map.of(
                "plan", List.of("--prefix"),
                "simulate", List.of("--ttft-sla", "--itl-sla", "--tpot-sla", "--e2e-sla", "--speculative-draft"),
                "fleet", List.of("--time-limit"));
        for (Map.Entry<String, List<String>> e : old.entrySet()) {
            String help = help(command(e.getKey()));
            for (String name : e.getValue()) {
                OptionSpec o = command(e.getKey()).getCommandSpec().findOption(name);
                assertNotNull(o, e.getKey() + " still parses " + name);
                assertTrue(o.hidden(), name);
                assertFalse(help.matches("(?s).*" + name + "[ =,\\n].*"), e.getKey() + " --help shows " + name);
            }
        }
    }

    /** simulate keeps its help sections: the shared layout and quantisation options sit under their headings. */
    @Test
    void simulateHelpKeepsTheSharedOptionsInTheirSections() {
        String help = help(command("simulate"));
        int fleet = help.indexOf("Fleet:");
        int engine = help.indexOf("Engine (every replica):");
        int tiers = help.indexOf("KV tiers below GPU memory");
        assertTrue(fleet > 0 && engine > fleet && tiers > engine, help);
        int tp = help.indexOf("--tp=N");
        int quant = help.indexOf("--quant=");
        assertTrue(tp > fleet && tp < engine, "--tp under Fleet:\n" + help);
        assertTrue(quant > engine && quant < tiers, "--quant under Engine:\n" + help);
    }

    @Test
    void everyHelpFitsOneHundredColumns() {
        for (String name : COMMANDS) {
            for (String line : help(command(name)).split("\n")) {
                assertTrue(line.length() <= 100, name + ": " + line.length() + " columns: " + line);
            }
        }
    }

    private static String help(CommandLine c) {
        StringWriter w = new StringWriter();
        c.usage(new PrintWriter(w));
        return w.toString();
    }
}
