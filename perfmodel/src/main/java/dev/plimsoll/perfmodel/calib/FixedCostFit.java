package dev.plimsoll.perfmodel.calib;

/**
 * A least-squares fit of time = fixed + ideal / utilisation over the points of one kernel
 * category (or one collective at one GPU count), weighted by 1 / time^2 so that every point
 * counts by its relative error.
 *
 * @param family        table family
 * @param key           category labels (and GPU count for collectives)
 * @param fixedUs       fitted fixed cost per call (launch, minimum kernel, collective latency)
 * @param utilisation   fitted share of peak (1 / slope on the ideal time; 0 when the fit finds no
 *                      dependence on the ideal time)
 * @param r2            weighted coefficient of determination
 * @param rmseUs        root mean square error of the fit, microseconds
 * @param relativeRmse  root mean square relative error
 * @param points        points fitted
 */
public record FixedCostFit(String family, String key, double fixedUs, double utilisation, double r2, double rmseUs,
                           double relativeRmse, int points) {
}
