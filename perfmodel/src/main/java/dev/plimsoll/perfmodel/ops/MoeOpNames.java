package dev.plimsoll.perfmodel.ops;

/** Names of a MoE layer's ops, for models that price how the engine schedules them. */
public final class MoeOpNames {
    /** The router GEMM. */
    public static final String ROUTER = "router";
    /** The routed experts. */
    public static final String ROUTED_EXPERTS = "moe_experts";
    /** Prefix of the shared-expert MLP's ops ({@code shared_expert_gate_up}, {@code _act}, {@code _down}). */
    public static final String SHARED_EXPERT = "shared_expert";
    /** The shared expert's work inside the routed-expert kernel ({@link SharedExpertFusion}). */
    public static final String FUSED_SHARED_EXPERT = "fused_shared_expert";

    private MoeOpNames() {
    }

    public static boolean isRoutedPath(Op op) {
        return op.name().equals(ROUTER) || op.name().equals(ROUTED_EXPERTS);
    }

    public static boolean isSharedExpert(Op op) {
        return op.name().startsWith(SHARED_EXPERT + "_");
    }
}
