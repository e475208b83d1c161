package dev.plimsoll.perfmodel.specs;

/** Identical layers counted together, so a step costs one evaluation per distinct layer. */
public record LayerGroup(LayerSpec layer, int count) {
}
