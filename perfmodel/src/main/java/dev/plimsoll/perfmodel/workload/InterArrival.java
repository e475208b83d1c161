package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Gaps between arrivals of an open-loop workload: a renewal process with a given mean rate.
 * Poisson arrivals have exponential gaps (coefficient of variation 1); gamma gaps with a larger
 * coefficient of variation model bursty traffic, smaller ones smoother traffic. Gamma gaps are
 * the usual burstiness knob of serving benchmarks (vLLM benchmark_serving --burstiness: gamma
 * with shape = burstiness, so cv = 1 / sqrt(burstiness)).
 */
public abstract class InterArrival {
    final double meanGapMs;

    private InterArrival(double ratePerS) {
        if (!(ratePerS > 0) || Double.isInfinite(ratePerS)) {
            throw new UserInputException("arrival rate must be a positive number of requests per second, got "
                    + ratePerS);
        }
        this.meanGapMs = 1000.0 / ratePerS;
    }

    /** A new generator of gaps (milliseconds), reproducible from the seed. */
    public abstract Gaps start(long seed);

    public double ratePerS() {
        return 1000.0 / meanGapMs;
    }

    /** Draws successive gaps. */
    @FunctionalInterface
    public interface Gaps {
        double nextMs();
    }

    /** Exponential gaps: a Poisson process of {@code ratePerS} requests per second. */
    public static InterArrival poisson(double ratePerS) {
        return new InterArrival(ratePerS) {
            @Override
            public Gaps start(long seed) {
                RandomGenerator random = new Well19937c(seed);
                return () -> -meanGapMs * Math.log(1.0 - random.nextDouble());
            }
        };
    }

    /**
     * Gamma gaps of the given mean rate and coefficient of variation (cv = 1 is Poisson, cv > 1
     * bursty).
     */
    public static InterArrival gamma(double ratePerS, double cv) {
        if (!(cv > 0) || Double.isInfinite(cv)) {
            throw new UserInputException("coefficient of variation of arrival gaps must be > 0, got " + cv);
        }
        double shape = 1.0 / (cv * cv);
        return new InterArrival(ratePerS) {
            @Override
            public Gaps start(long seed) {
                GammaDistribution gamma = new GammaDistribution(new Well19937c(seed), shape, meanGapMs / shape);
                return gamma::sample;
            }
        };
    }
}
