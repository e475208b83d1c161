package dev.plimsoll.perfmodel.validate;

import java.util.List;

/**
 * A measured-deployments file as read: the rows that parsed, and the lines that did not, each with
 * its reason. A malformed line never hides the others: validation scores the rest and lists it.
 *
 * @param rows      the deployments that parsed, in file order
 * @param malformed the lines that did not parse
 */
public record MeasuredFile(List<MeasuredDeployment> rows, List<MalformedRow> malformed) {
    public MeasuredFile {
        rows = List.copyOf(rows);
        malformed = List.copyOf(malformed);
    }

    /** A line of the file that is not a deployment. */
    public record MalformedRow(int line, String id, String reason) {
    }

    public int lines() {
        return rows.size() + malformed.size();
    }
}
