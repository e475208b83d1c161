package dev.plimsoll.perfmodel.parallel;

import dev.plimsoll.perfmodel.specs.ModelSpec;

/**
 * Expert slots of an expert-parallel layout. When EP does not divide the routed experts (256
 * DeepSeek experts over 72 GPUs of a GB200 NVL72 rack), the engines run it with redundant
 * experts placed by their expert-parallel load balancer so that every rank holds the same number
 * of slots: vLLM {@code --enable-eplb --num-redundant-experts R} with (experts + R) divisible by
 * the EP size, SGLang {@code --ep-num-redundant-experts}, TensorRT-LLM
 * {@code moe_config.load_balancer.num_slots} (its wide-EP examples run DeepSeek-R1 with 288 slots).
 * Plimsoll takes the fewest redundant experts that make the slots divide: {@code ceil(E / ep)} per
 * rank.
 */
public final class ExpertSlots {
    private ExpertSlots() {
    }

    /** Slots (routed experts, redundant copies included) each of the {@code ep} ranks holds. */
    public static int perRank(int experts, int ep) {
        return (experts + ep - 1) / ep;
    }

    /** Redundant experts the layout needs (0 when EP divides the experts). */
    public static int redundant(int experts, int ep) {
        return perRank(experts, ep) * ep - experts;
    }

    /** Slots over experts: how much more expert weight the ranks hold together than the model has. */
    public static double replication(ModelSpec model, Parallelism p) {
        if (!model.isMoe()) {
            return 1.0;
        }
        int experts = model.moe().numExperts();
        return (double) perRank(experts, p.ep()) * p.ep() / experts;
    }

    /** A note for a layout that needs redundant experts, empty when it needs none. */
    public static String note(ModelSpec model, Parallelism p) {
        if (!model.isMoe() || redundant(model.moe().numExperts(), p.ep()) == 0) {
            return "";
        }
        int experts = model.moe().numExperts();
        return "ep " + p.ep() + " does not divide " + experts + " experts: it runs " + perRank(experts, p.ep()) * p.ep()
                + " expert slots, " + redundant(experts, p.ep()) + " of them redundant (expert-parallel load balancer: "
                + "vLLM --enable-eplb --num-redundant-experts, SGLang --ep-num-redundant-experts, TensorRT-LLM "
                + "moe_config.load_balancer.num_slots)";
    }
}
