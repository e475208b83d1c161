package dev.plimsoll.perfmodel.sim;

/** Elastic: the hook's copy of the request events an engine would count. */
final class ScalingHookEvents implements SimulationListener {
    private final ScalingHook hook;

    ScalingHookEvents(ScalingHook hook) {
        this.hook = hook;
    }

    @Override
    public void arrived(SimRequest r, double nowMs) {
        hook.arrived(nowMs, r.inputTokens);
    }

    @Override
    public void tokens(SimRequest r, double nowMs, int tokens, double gapMs) {
        if (Double.isNaN(gapMs)) {
            hook.firstToken(nowMs, nowMs - r.sentMs);
        }
        hook.tokens(nowMs, tokens, gapMs);
    }

    @Override
    public void finished(SimRequest r, double nowMs) {
        hook.finished(nowMs);
    }

    @Override
    public void rejected(SimRequest r, double nowMs) {
        hook.finished(nowMs);
    }
}
