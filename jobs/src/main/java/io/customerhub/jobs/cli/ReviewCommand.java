package io.customerhub.jobs.cli;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.customerhub.jobs.HubException;
import io.customerhub.jobs.review.ReviewBuildAction;
import io.customerhub.jobs.review.ReviewDesk;
import io.customerhub.jobs.review.ReviewItem;
import io.customerhub.jobs.review.ReviewItems;
import io.customerhub.jobs.review.ReviewQueue;
import io.customerhub.jobs.review.ReviewView;
import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.jobs.table.StewardDecisions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Steward review: the queue of uncertain pairs and suspicious clusters, and the decisions on them.",
                "Decisions go to steward_decisions and every later run honours them (must-link / cannot-link)."},
        subcommands = {ReviewCommand.Build.class, ReviewCommand.ListItems.class, ReviewCommand.Show.class, ReviewCommand.Decide.class,
                ReviewCommand.Undo.class})
public final class ReviewCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static SparkSession spark() {
        return HubSpark.session("hub-review");
    }

    static String summary(ReviewBuildAction.Result r) {
        return String.format(Locale.ROOT, "review: %,d open items (%,d pairs, %,d clusters), %,d already decided; %,d clusters examined",
                r.open(), r.pairsOpen(), r.clustersOpen(), r.decided(), r.clustersExamined());
    }

    /** Options shared by review build and nightly. */
    public static final class BuildOptions {
        @Option(names = "--large-cluster-size", defaultValue = "10", description = "A cluster this large is queued (default ${DEFAULT-VALUE}).")
        int largeClusterSize;

        @Option(names = "--weak-link-probability", defaultValue = "0.999",
                description = "A model link below this probability is weak (default ${DEFAULT-VALUE}).")
        double weakLinkProbability;

        @Option(names = "--min-weak-links", defaultValue = "2",
                description = "A cluster with this many weak links, at least half of its links, is queued (default ${DEFAULT-VALUE}).")
        int minWeakLinks;

        ReviewBuildAction.Options options(HubOptions hub) {
            try {
                return new ReviewBuildAction.Options(hub.tables(), hub.runId(),
                        new ReviewItems.Suspicion(largeClusterSize, weakLinkProbability, minWeakLinks));
            } catch (IllegalArgumentException e) {
                throw HubException.of("invalid review options", e.getMessage(), "see `hub review build --help`");
            }
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Rebuild review_queue from pairs, xref and records (the nightly run does it after cluster).")
    static final class Build extends HubCommand {
        @Mixin
        HubOptions hub;

        @Mixin
        BuildOptions build;

        @Override
        protected HubOptions writtenHub() {
            return hub;
        }

        @Override
        protected int run() {
            System.out.println(summary(new ReviewBuildAction(spark(), build.options(hub)).execute()));
            return EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Items of the queue, most impactful first.")
    static final class ListItems extends HubCommand {
        @Mixin
        HubOptions hub;

        @Option(names = "--kind", description = "pair or cluster (default: both).")
        String kind;

        @Option(names = "--status", defaultValue = "open", description = "open, decided or all (default ${DEFAULT-VALUE}).")
        String status;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many items (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON object per line instead of a table.")
        boolean json;

        @Override
        protected int run() {
            if (kind != null && !List.of(ReviewItems.PAIR, ReviewItems.CLUSTER).contains(kind)) {
                throw HubException.of("unknown kind '" + kind + "'", "items are pairs or clusters", "use --kind pair or --kind cluster");
            }
            if (!List.of(ReviewItems.OPEN, ReviewItems.DECIDED, "all").contains(status)) {
                throw HubException.of("unknown status '" + status + "'", "items are open or decided", "use --status open, decided or all");
            }
            Dataset<Row> queue = ReviewQueue.read(spark(), hub.tables());
            if (kind != null) {
                queue = queue.where(col("kind").equalTo(kind));
            }
            if (!"all".equals(status)) {
                queue = queue.where(col("status").equalTo(status));
            }
            List<ReviewItem> items = queue.orderBy(col("priority").desc(), col("item_id")).limit(Math.max(0, limit)).collectAsList()
                    .stream().map(ReviewItem::fromRow).toList();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                for (ReviewItem item : items) {
                    System.out.println(toJson(mapper, item));
                }
                return EXIT_OK;
            }
            System.out.printf(Locale.ROOT, "%-15s %-8s %9s %-8s %11s  %s%n", "item", "kind", "priority", "status", "probability", "records / reasons");
            for (ReviewItem item : items) {
                String about = item.isPair() ? item.leftKey() + " ~ " + item.rightKey()
                        : "golden " + item.goldenId() + " (" + item.clusterSize() + " records)";
                System.out.printf(Locale.ROOT, "%-15s %-8s %9.3f %-8s %11s  %s  %s%n", item.itemId(), item.kind(), item.priority(), item.status(),
                        item.probability() == null ? "" : String.format(Locale.ROOT, "%.4f", item.probability()), about, String.join(",", item.reasons()));
            }
            System.out.printf(Locale.ROOT, "%d item(s) shown; `hub review show ITEM` for details%n", items.size());
            return EXIT_OK;
        }

        private static String toJson(ObjectMapper mapper, ReviewItem item) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("item_id", item.itemId());
            out.put("kind", item.kind());
            out.put("priority", item.priority());
            out.put("status", item.status());
            out.put("left_key", item.leftKey());
            out.put("right_key", item.rightKey());
            out.put("golden_id", item.goldenId());
            out.put("cluster_size", item.isPair() ? null : item.clusterSize());
            out.put("probability", item.probability());
            out.put("reasons", item.reasons());
            out.put("record_versions", item.recordVersions());
            out.put("decision_id", item.decisionId());
            out.put("run_id", item.runId());
            try {
                return mapper.writeValueAsString(out);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a review item of strings and numbers is always writable as JSON", e);
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One item: the records side by side with their normalised values, the explanation, the decisions so far.")
    static final class Show extends HubCommand {
        @Mixin
        HubOptions hub;

        @Parameters(paramLabel = "ITEM", description = "Item id, as `hub review list` prints it.")
        String itemId;

        @Override
        protected int run() {
            SparkSession spark = spark();
            ReviewItem item = ReviewQueue.item(spark, hub.tables(), itemId);
            ReviewDesk desk = new ReviewDesk(spark, hub.tables());
            System.out.print(ReviewView.render(spark, hub.tables(), item, desk.changes(item), desk.history(itemId)));
            return EXIT_OK;
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = {"Answer an item. Pair: --same or --different. Cluster: --same (one person) or --remove-record S:ID.",
                    "Refused when the item's records changed since it was queued; submitting the same answer twice records it once."})
    static final class Decide extends HubCommand {
        @Mixin
        HubOptions hub;

        @Parameters(paramLabel = "ITEM", description = "Item id, as `hub review list` prints it.")
        String itemId;

        @ArgGroup(exclusive = true, multiplicity = "1")
        AnswerOption answer;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept with the decision).")
        String reason;

        @Option(names = "--steward", paramLabel = "NAME", defaultValue = "${env:USER}", description = "Who decides (default: $USER).")
        String steward;

        static final class AnswerOption {
            @Option(names = "--same", description = "The same person (pair), or one person (cluster).")
            boolean same;

            @Option(names = "--different", description = "Not the same person (pair).")
            boolean different;

            @Option(names = "--remove-record", paramLabel = "S:ID", description = "Take this record out of the cluster.")
            String removeRecord;
        }

        @Override
        protected int run() {
            ReviewDesk.Answer kind = answer.same ? ReviewDesk.Answer.SAME : answer.different ? ReviewDesk.Answer.DIFFERENT : ReviewDesk.Answer.REMOVE_RECORD;
            StewardDecisions.Recorded recorded = new ReviewDesk(spark(), hub.tables()).decide(itemId, kind, answer.removeRecord, steward, reason);
            StewardDecisions.Stored d = recorded.decision();
            if (recorded.duplicate()) {
                System.out.printf(Locale.ROOT, "already decided: %s %s by %s at %s (decision %s); nothing added%n", itemId, d.action(), d.steward(),
                        d.decidedAt(), d.decisionId());
            } else {
                System.out.printf(Locale.ROOT, "decision %s recorded: %s %s (%d %s rows) by %s; the next match/cluster run honours it%n",
                        d.decisionId(), itemId, d.action(), d.pairs().size(), d.kind(), d.steward());
            }
            return EXIT_OK;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true, description = "Undo a decision; later runs no longer honour it and its item is open again.")
    static final class Undo extends HubCommand {
        @Mixin
        HubOptions hub;

        @Parameters(paramLabel = "DECISION_ID", description = "The id `hub review decide` printed.")
        String decisionId;

        @Option(names = "--steward", paramLabel = "NAME", defaultValue = "${env:USER}", description = "Who undoes it (default: $USER).")
        String steward;

        @Override
        protected int run() {
            StewardDecisions.Stored before = new ReviewDesk(spark(), hub.tables()).undo(decisionId, steward);
            if (before.undoneAt() != null) {
                System.out.printf(Locale.ROOT, "decision %s was already undone at %s by %s; nothing changed%n", decisionId, before.undoneAt(), before.undoneBy());
            } else {
                System.out.printf(Locale.ROOT, "decision %s undone by %s%s%n", decisionId, steward,
                        before.itemId() == null ? "" : "; item " + before.itemId() + " is open again");
            }
            return EXIT_OK;
        }
    }
}
