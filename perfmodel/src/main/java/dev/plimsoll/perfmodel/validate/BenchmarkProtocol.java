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
 * @param datasetEntries    distinct prompts the client drew from and sent again (aiperf's
 *                          --num-dataset-entries); 0 when every prompt was its own
 */
public record BenchmarkProtocol(BenchmarkClient client, int requestsPerClient, int datasetEntries) {
    /** Clients told from the row ids, ten requests per client (Dynamo's and InferenceX's scripts). */
    public static final BenchmarkProtocol DEFAULT = new BenchmarkProtocol(null, BenchmarkClient.REQUESTS_PER_CLIENT);

    public BenchmarkProtocol {
        if (requestsPerClient < 1) {
            throw new UserInputException("requests per client must be >= 1, got " + requestsPerClient);
        }
        if (datasetEntries < 0) {
            throw new UserInputException("dataset entries must be >= 0 (0: every prompt distinct), got "
                    + datasetEntries);
        }
    }

    /** Every prompt distinct. */
    public BenchmarkProtocol(BenchmarkClient client, int requestsPerClient) {
        this(client, requestsPerClient, 0);
    }

    /** The client that measured a row. */
    public BenchmarkClient clientOf(MeasuredDeployment row) {
        return client != null ? client : BenchmarkClient.of(row);
    }

    /** The measured phase of a row's benchmark. */
    Workload.ClosedLoop workload(MeasuredDeployment row) {
        return clientOf(row).workload(row, requestsPerClient, datasetEntries);
    }
}
