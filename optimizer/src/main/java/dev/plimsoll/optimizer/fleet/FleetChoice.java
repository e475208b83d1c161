package dev.plimsoll.optimizer.fleet;

/**
 * What a slot deploys: {@code replicas} of one engine option, or nothing ({@link #NONE}). The solver
 * picks a slot's choice as one value, so it can trade a larger engine for fewer replicas in one move.
 *
 * @param option   the engine on a GPU type, null for nothing
 * @param replicas replica count, 0 for nothing
 */
public record FleetChoice(FleetOption option, int replicas) {
    public static final FleetChoice NONE = new FleetChoice(null, 0);

    public FleetChoice {
        if (replicas < 0 || (option == null && replicas != 0)) {
            throw new IllegalArgumentException("a choice deploys >= 0 replicas of an option, got " + replicas);
        }
    }

    @Override
    public String toString() {
        return option == null ? "nothing" : replicas + " x " + option;
    }
}
