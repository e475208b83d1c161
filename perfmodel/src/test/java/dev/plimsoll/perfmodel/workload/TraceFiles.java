package dev.plimsoll.perfmodel.workload;

import java.nio.file.Path;

/** The public traces under ../shared/data/traces, found from the reactor root surefire passes in. */
public final class TraceFiles {
    private TraceFiles() {
    }

    public static Path sharedData() {
        return Path.of(System.getProperty("plimsoll.root", ".."), "..", "shared", "data").normalize();
    }

    /** Azure LLM inference trace 2023, conversation service: 19,366 requests in about an hour. */
    public static Path azureConversation() {
        return sharedData().resolve("traces").resolve("azure_llm_2023_conv.csv");
    }

    /** Azure LLM inference trace 2023, code service: 8,819 requests. */
    public static Path azureCode() {
        return sharedData().resolve("traces").resolve("azure_llm_2023_code.csv");
    }
}
