package io.customerhub.jobs.cli;

import io.customerhub.jobs.cluster.ClusterResult;
import io.customerhub.jobs.match.MatchResult;
import io.customerhub.jobs.standardize.StandardizeResult;
import java.util.Locale;

/** One-paragraph summaries of each step's counts, printed by the commands. Counts only, no values. */
final class Summaries {

    private Summaries() {
    }

    static String standardize(StandardizeResult r) {
        return String.format(Locale.ROOT, "standardize: %,d bronze rows -> %,d new, %,d changed, %,d retired, %,d unchanged; %,d current records%s",
                r.bronzeRows(), r.newRecords(), r.changedRecords(), r.retiredRecords(), r.unchangedRecords(), r.currentRecords(),
                r.valuesNulled().isEmpty() ? "" : "\n  values set aside in new and changed rows (field: reason -> rows): " + r.valuesNulled());
    }

    static String match(MatchResult r) {
        return String.format(Locale.ROOT, "match: %,d current records, %,d compared as new/changed; %,d pairs %s; decisions %s; model %s%s",
                r.records(), r.comparedRecords(), r.pairs(), r.pairsPerRule(), r.decisions(), r.modelVersion(),
                r.cappedBlocks().isEmpty() ? "" : "\n  oversized blocks skipped per rule: " + r.cappedBlocks()
                        + " (records in them: " + r.recordsInCappedBlocks() + ")");
    }

    static String cluster(ClusterResult r) {
        return String.format(Locale.ROOT, "cluster: %,d records -> %,d golden ids (largest %d) from %,d links; %,d records changed id; refused merges %s; id events %s",
                r.records(), r.clusters(), r.largestCluster(), r.links(), r.recordsChangingId(), r.refusedMerges(), r.idEvents());
    }
}
