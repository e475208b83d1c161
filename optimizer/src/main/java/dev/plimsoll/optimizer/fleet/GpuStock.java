package dev.plimsoll.optimizer.fleet;

import dev.plimsoll.perfmodel.specs.GpuSpec;

/**
 * GPUs of one type the fleet may use.
 *
 * @param gpu   the type, its price per GPU-hour set from the inventory
 * @param count how many
 */
public record GpuStock(GpuSpec gpu, int count) {
    public String type() {
        return gpu.id();
    }
}
