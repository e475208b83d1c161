package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/** The load a plan must carry: a request rate, a GPU budget to fill, or a number of concurrent users. */
public sealed interface LoadTarget permits LoadTarget.Rate, LoadTarget.TotalGpus, LoadTarget.Concurrency {

    String describe();

    /**
     * Open-loop arrivals at {@code requestsPerS}; the plan minimises cost per hour.
     *
     * @param requestsPerS mean arrival rate of the whole deployment
     */
    record Rate(double requestsPerS) implements LoadTarget {
        public Rate {
            if (!(requestsPerS > 0) || Double.isInfinite(requestsPerS)) {
                throw new UserInputException("--rate must be a positive number of requests per second, got "
                        + requestsPerS);
            }
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%.3g req/s", requestsPerS);
        }
    }

    /**
     * At most {@code gpus} GPUs; the plan maximises the rate they serve within the SLA.
     *
     * @param gpus GPU budget of the whole deployment
     */
    record TotalGpus(int gpus) implements LoadTarget {
        public TotalGpus {
            if (gpus < 1) {
                throw new UserInputException("--total-gpus must be >= 1, got " + gpus);
            }
        }

        @Override
        public String describe() {
            return gpus + " GPUs";
        }
    }

    /**
     * {@code users} clients, each with one request in flight (closed loop); the plan minimises cost.
     *
     * @param users concurrent requests of the whole deployment
     */
    record Concurrency(int users) implements LoadTarget {
        public Concurrency {
            if (users < 1) {
                throw new UserInputException("--concurrency must be >= 1, got " + users);
            }
        }

        @Override
        public String describe() {
            return users + " concurrent requests";
        }
    }
}
