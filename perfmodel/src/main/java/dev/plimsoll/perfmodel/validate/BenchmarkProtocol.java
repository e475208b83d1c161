package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.Workload;

/**
 * How the measurements were taken, where the file does not say: the load generator (or, when
 * {@code client} is null, the one the row's name points to, {@link BenchmarkClient#of}) and how many
 * requests each client sent in the measured phase.
 *
 * @param client            the benchmark client of every row; null to tell it from each row's id
 * @param requestsPerClient measured requests per client (at least 1)
 */
public record BenchmarkProtocol(BenchmarkClient client, int requestsPerClient) {
    /** Clients told from the row ids, ten requests per client (Dynamo's and InferenceX's scripts). */
    public static final BenchmarkProtocol DEFAULT = new BenchmarkProtocol(null, BenchmarkClient.REQUESTS_PER_CLIENT);

    public BenchmarkProtocol {
        if (requestsPerClient < 1) {
            throw new UserInputException("requests per client must be >= 1, got " + requestsPerClient);
        }
    }

    /** The client that measured a row. */
    public BenchmarkClient clientOf(MeasuredDeployment row) {
        return client != null ? client : BenchmarkClient.of(row);
    }

    /** The measured phase of a row's benchmark. */
    Workload.ClosedLoop workload(MeasuredDeployment row) {
        return clientOf(row).workload(row, requestsPerClient);
    }
}
