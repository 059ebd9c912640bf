package io.customerhub.jobs.report;

import io.customerhub.jobs.report.RunMetrics.Check;
import io.customerhub.jobs.report.RunMetrics.SourceCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The counts of a run that must agree, checked on the gathered figures: nothing read may be lost
 * between a step's own counters and the tables it wrote.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    public static List<Check> of(RunMetrics m) {
        List<Check> checks = new ArrayList<>();
        for (SourceCounts s : m.sources()) {
            if (s.ingestStatus() == null) {
                continue;
            }
            checks.add(equal("ingest '" + s.source() + "': read = accepted + quarantined", s.read(), s.accepted() + s.quarantined(),
                    "rows read", "accepted + quarantined"));
            checks.add(equal("ingest '" + s.source() + "': quarantined = quarantine table rows of the run", s.quarantined(),
                    s.quarantineTableRows(), "runs table", "quarantine table"));
        }
        if (m.pairs() != null) {
            long decided = m.pairs().decisionsInRun().values().stream().mapToLong(Long::longValue).sum();
            checks.add(equal("pairs of the run: decisions sum to pairs", m.pairs().pairsInRun(), decided, "pairs", "link + review + no-link"));
            if (m.pairs().matchStepPairs() >= 0) {
                checks.add(equal("match step pairs = pairs table rows of the run", m.pairs().matchStepPairs(), m.pairs().pairsInRun(),
                        "runs table", "pairs table (a later run may have rescored some)"));
            }
        }
        if (m.clusters() != null) {
            long clustered = m.clusters().sizes().stream().mapToLong(s -> s.size() * s.clusters()).sum();
            long clusters = m.clusters().sizes().stream().mapToLong(RunMetrics.SizeCount::clusters).sum();
            checks.add(equal("cluster sizes sum to xref records", m.clusters().records(), clustered, "xref records", "sum of size x clusters"));
            checks.add(equal("cluster size distribution counts every golden id", m.clusters().clusters(), clusters, "golden ids",
                    "clusters in the distribution"));
            if (m.records() != null) {
                checks.add(equal("every current record has a golden id", m.records().current(), m.clusters().records(), "current records",
                        "xref records (rerun cluster after standardize if they differ)"));
            }
        }
        return List.copyOf(checks);
    }

    private static Check equal(String name, long expected, long actual, String expectedLabel, String actualLabel) {
        return new Check(name, expected == actual,
                String.format(Locale.ROOT, "%s %,d, %s %,d", expectedLabel, expected, actualLabel, actual));
    }
}
