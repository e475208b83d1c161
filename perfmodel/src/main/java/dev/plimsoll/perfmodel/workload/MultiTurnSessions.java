package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.SplittableRandom;

/**
 * Multi-turn chat sessions: sessions start as a Poisson process; each runs a number of turns, and
 * a turn is sent a think time after the previous turn's reply has ended. A turn's prompt is the
 * conversation so far (an optional system prompt shared within a group, then every earlier user
 * input and reply) followed by the new user input; its reply is appended to the conversation.
 * Counts and times are drawn uniformly from their ranges, bounds included.
 *
 * <p>Prompts carry prefix-block ids the way the Mooncake trace does ({@link RequestShape}), over
 * the prompt and the reply, so that the prefix cache can reuse a session's earlier turns, its
 * reply included (vLLM caches the full blocks of generated tokens too; SGLang inserts the whole
 * finished sequence into its radix tree), and the KV-aware router can find them.
 *
 * @param sessionsPerS       session arrival rate
 * @param sessions           sessions in the run
 * @param minTurns           fewest turns of a session (at least 1)
 * @param maxTurns           most turns of a session
 * @param minThinkMs         shortest pause between a reply and the next turn
 * @param maxThinkMs         longest pause
 * @param systemPromptTokens tokens of the system prompt every turn starts with (0 for none)
 * @param promptGroups       distinct system prompts, each session picking one uniformly
 * @param minInputTokens     fewest new user tokens of a turn
 * @param maxInputTokens     most new user tokens
 * @param minOutputTokens    fewest reply tokens of a turn
 * @param maxOutputTokens    most reply tokens
 * @param hashBlockTokens    tokens per prefix-block id
 */
public record MultiTurnSessions(double sessionsPerS, int sessions, int minTurns, int maxTurns, double minThinkMs,
                                double maxThinkMs, int systemPromptTokens, int promptGroups, int minInputTokens,
                                int maxInputTokens, int minOutputTokens, int maxOutputTokens, int hashBlockTokens) {
    /**
     * 64 tokens per id: SGLang HiCache's recommended page size (docs "HiCache best practices",
     * --page-size 64), a multiple of every engine's KV block (vLLM 16, TensorRT-LLM 32, SGLang 1).
     */
    public static final int DEFAULT_HASH_BLOCK_TOKENS = 64;

    /** Ids of a group's system-prompt blocks are negative, a session's blocks positive: they never collide. */
    private static final int BLOCK_BITS = 24;

    public MultiTurnSessions {
        if (!(sessionsPerS > 0) || Double.isInfinite(sessionsPerS)) {
            throw new UserInputException("session arrival rate must be a positive number per second, got "
                    + sessionsPerS);
        }
        if (sessions < 1) {
            throw new UserInputException("a session workload needs >= 1 session, got " + sessions);
        }
        range("turns per session", minTurns, maxTurns, 1);
        if (!(minThinkMs >= 0) || !(maxThinkMs >= minThinkMs) || Double.isInfinite(maxThinkMs)) {
            throw new UserInputException("think time range must satisfy 0 <= min <= max, got " + minThinkMs + ".."
                    + maxThinkMs + " ms");
        }
        if (systemPromptTokens < 0 || promptGroups < 1) {
            throw new UserInputException("system prompt needs >= 0 tokens and >= 1 group, got " + systemPromptTokens
                    + " tokens in " + promptGroups + " groups");
        }
        range("new input tokens per turn", minInputTokens, maxInputTokens, 1);
        range("output tokens per turn", minOutputTokens, maxOutputTokens, 1);
        if (hashBlockTokens < 1) {
            throw new UserInputException("hash block size must be >= 1 token, got " + hashBlockTokens);
        }
        long longest = systemPromptTokens + (long) maxTurns * (maxInputTokens + maxOutputTokens);
        if (longest / hashBlockTokens >= 1L << BLOCK_BITS || longest > Integer.MAX_VALUE) {
            throw new UserInputException("a session of " + maxTurns + " turns could reach " + longest
                    + " tokens, more than the simulator can track");
        }
    }

    private static void range(String what, int min, int max, int floor) {
        if (min < floor || max < min) {
            throw new UserInputException(what + " must satisfy " + floor + " <= min <= max, got " + min + ".." + max);
        }
    }

    /** Turns of a session on average. */
    public double meanTurns() {
        return (minTurns + maxTurns) / 2.0;
    }

    public String description() {
        return String.format(java.util.Locale.ROOT,
                "%d sessions at %.4g/s, %d-%d turns, think %.3g-%.3g s, input %d-%d, output %d-%d%s",
                sessions, sessionsPerS, minTurns, maxTurns, minThinkMs / 1000.0, maxThinkMs / 1000.0, minInputTokens,
                maxInputTokens, minOutputTokens, maxOutputTokens,
                systemPromptTokens == 0 ? "" : ", system prompt " + systemPromptTokens + " in " + promptGroups
                        + " group" + (promptGroups == 1 ? "" : "s"));
    }

    /** Draws the {@code index}-th session: its turns' sizes and its system prompt. */
    public Session draw(int index, SplittableRandom random) {
        int turns = random.nextInt(minTurns, maxTurns + 1);
        int[] inputs = new int[turns];
        int[] outputs = new int[turns];
        for (int t = 0; t < turns; t++) {
            inputs[t] = random.nextInt(minInputTokens, maxInputTokens + 1);
            outputs[t] = random.nextInt(minOutputTokens, maxOutputTokens + 1);
        }
        int group = systemPromptTokens == 0 ? 0 : random.nextInt(promptGroups);
        return new Session(index, group, inputs, outputs);
    }

    /** Pause before the next turn. */
    public double thinkMs(SplittableRandom random) {
        return maxThinkMs == minThinkMs ? minThinkMs : minThinkMs + random.nextDouble() * (maxThinkMs - minThinkMs);
    }

    /** One drawn session. */
    public final class Session {
        private final int index;
        private final int group;
        private final int[] inputs;
        private final int[] outputs;

        private Session(int index, int group, int[] inputs, int[] outputs) {
            this.index = index;
            this.group = group;
            this.inputs = inputs;
            this.outputs = outputs;
        }

        public int turns() {
            return inputs.length;
        }

        /** The request of turn {@code t} (from 0): the conversation so far plus the new input. */
        public RequestShape turn(int t) {
            long prompt = systemPromptTokens;
            for (int k = 0; k < t; k++) {
                prompt += inputs[k] + outputs[k];
            }
            prompt += inputs[t];
            long[] hashes = new long[(int) ((prompt + outputs[t]) / hashBlockTokens)];
            for (int b = 0; b < hashes.length; b++) {
                boolean shared = (long) (b + 1) * hashBlockTokens <= systemPromptTokens;
                long id = ((long) ((shared ? group : index) + 1) << BLOCK_BITS) | b;
                hashes[b] = shared ? -id : id;
            }
            return new RequestShape((int) prompt, outputs[t], hashes, hashBlockTokens);
        }
    }
}
