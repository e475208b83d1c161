package dev.plimsoll.perfmodel.validate;

/**
 * What an API server's tokeniser costs per prompt token. Every engine here tokenises in its own
 * server (vLLM's and SGLang's API servers, trtllm-serve, Dynamo's frontend) with Hugging Face
 * tokenizers, whose work goes through the text byte by byte, so the cost per token is the cost per
 * byte times the text's bytes per token, which depends on how a benchmark builds its prompts.
 */
final class Tokenisation {
    /**
     * Hugging Face tokenizers take about 1.1 s for a 4 MB document of about 1M tokens (C. Xu, "3.3x
     * Faster HuggingFace Tokenizers for Single Sequence", 2025, the serial baseline): 0.275 µs a byte.
     */
    static final double US_PER_BYTE = 1.1e6 / 4e6;
    /** Natural text: that document's 4 MB over its 1M tokens. */
    static final double NATURAL_BYTES_PER_TOKEN = 4.0;
    /**
     * InferenceX's random prompts: benchmark_serving.py's sample_random_requests decodes a run of
     * consecutive vocabulary ids from a random offset ({@code (offsets[i] + i + j) % vocab_size}) and
     * re-encodes the text. Vocabulary entries taken uniformly are longer than the tokens of running
     * text: 6.24 bytes per re-encoded token on Llama 3's 128k vocabulary and 6.83 on o200k
     * (gpt-oss's), 200 prompts of 1,024 ids each ({@code bench/prompt-bytes.sh 200 1024}, on the
     * public ports llama3-tokenizer-js 1.2.0 and gpt-tokenizer 4.0.0); their mean, for every model.
     */
    static final double RANDOM_IDS_BYTES_PER_TOKEN = (6.24 + 6.83) / 2;

    private Tokenisation() {
    }

    /** Tokenisation time per prompt token of a text with {@code bytesPerToken}, in microseconds. */
    static double usPerToken(double bytesPerToken) {
        return US_PER_BYTE * bytesPerToken;
    }
}
