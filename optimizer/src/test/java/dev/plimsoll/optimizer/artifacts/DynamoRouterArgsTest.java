package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Routing;
import dev.plimsoll.perfmodel.sim.RouterKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Dynamo frontend configures the router the plan was confirmed behind. */
class DynamoRouterArgsTest {
    @Test
    void eachRouterHasItsFrontendMode() {
        assertEquals(List.of("--http-port", "8000"), DynamoGraph.frontendArgs(RouterKind.ROUND_ROBIN));
        assertEquals(List.of("--http-port", "8000", "--router-mode", "kv"), DynamoGraph.frontendArgs(RouterKind.KV_AWARE));
        assertEquals(List.of("--http-port", "8000", "--router-mode", "least-loaded"),
                DynamoGraph.frontendArgs(RouterKind.LEAST_LOADED));
    }

    /** The plan's KV router with its weight, every flag one Dynamo 0.8's frontend takes. */
    @Test
    void aKvRoutingCarriesItsOverlapWeight() {
        List<String> args = DynamoGraph.frontendArgs(Routing.kv(4.0));
        assertEquals(List.of("--http-port", "8000", "--router-mode", "kv", "--kv-overlap-score-weight", "4.0"), args);
        EngineFlagsTest.assertKnown(args, ArtifactFixtures.flags("dynamo"), "dynamo.frontend");
        assertEquals(List.of("--http-port", "8000"), DynamoGraph.frontendArgs(Routing.ROUND_ROBIN));
    }
}
