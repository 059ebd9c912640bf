package io.customerhub.jobs.ingest;

import io.customerhub.jobs.contract.ContractLoader.LoadedContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** Ingests several sources of one run, one after the other, and formats their counts. */
public final class IngestJob {

    private IngestJob() {
    }

    public static List<IngestResult> run(SparkSession spark, List<LoadedContract> contracts, IngestOptions options) {
        List<IngestResult> results = new ArrayList<>();
        for (LoadedContract contract : contracts) {
            results.add(new IngestAction(spark, contract, options).execute());
        }
        return List.copyOf(results);
    }

    public static String summary(List<IngestResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %10s %10s %12s %8s  %s%n",
                "source", "read", "accepted", "quarantined", "reject%", "status"));
        long read = 0;
        long accepted = 0;
        long quarantined = 0;
        for (IngestResult r : results) {
            out.append(String.format(Locale.ROOT, "%-16s %10d %10d %12d %7.2f%%  %s%n", r.source(), r.read(), r.accepted(),
                    r.quarantined(), 100 * r.rejectRate(), r.rejectRateExceeded() ? "FAILED (reject limit)" : "ok"));
            r.quarantinedByReason().forEach((reason, n) ->
                    out.append(String.format(Locale.ROOT, "    quarantined %-22s %8d%n", reason.name(), n)));
            if (r.suppressedErased() > 0) {
                out.append(String.format(Locale.ROOT, "    suppressed (erased records)     %8d%n", r.suppressedErased()));
            }
            r.warnings().forEach(w -> out.append("    warning: ").append(w).append('\n'));
            read += r.read();
            accepted += r.accepted();
            quarantined += r.quarantined();
        }
        out.append(String.format(Locale.ROOT, "%-16s %10d %10d %12d   (read = accepted + quarantined: %s)%n",
                "total", read, accepted, quarantined, read == accepted + quarantined ? "yes" : "NO"));
        return out.toString();
    }
}
