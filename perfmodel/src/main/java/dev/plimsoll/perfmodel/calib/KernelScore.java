package dev.plimsoll.perfmodel.calib;

/**
 * How one kernel of a measured table was predicted, per category: the breakdown behind a
 * {@link ValidationReport.FamilyScore} ({@code validate --kernels ... --rows}), which shows where a
 * family's error sits when the target GPU's engine runs another kernel than the source's.
 *
 * @param kernel      the table's kernel_source (empty where the table has none)
 * @param category    the row's category (dtype labels joined by "|")
 * @param points      rows priced
 * @param medianError median absolute relative error (fraction)
 * @param p90Error    90th percentile absolute relative error (fraction)
 * @param medianRatio median of predicted over measured time (below 1: predicted too fast)
 * @param hostTimed   the category was timed with host work inside ({@link HostBoundCategories}): these
 *                    rows are not in the family's median and p90
 */
public record KernelScore(String kernel, String category, int points, double medianError, double p90Error,
                          double medianRatio, boolean hostTimed) {
}
