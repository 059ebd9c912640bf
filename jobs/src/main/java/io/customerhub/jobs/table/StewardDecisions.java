package io.customerhub.jobs.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.customerhub.jobs.HubException;
import io.customerhub.matching.cluster.Link;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code steward_decisions} table: must-link and cannot-link decisions, appended with who, when
 * and why; an undone decision keeps its row with {@code undone_at} set. Every run honours the
 * active ones. One decision may hold several rows (removing a record from a cluster is a cannot-link
 * to each other member); they share the decision id and are undone together.
 *
 * <p>A decision answering a review item carries the item id, the steward's answer ({@code action})
 * and the versions of the records the steward saw ({@code item_versions}): the same answer to the
 * same item on the same versions is recorded once, whoever submits it and however often.
 */
public final class StewardDecisions {

    public static final String MUST_LINK = "MUST_LINK";
    public static final String CANNOT_LINK = "CANNOT_LINK";

    public static final StructType SCHEMA = new StructType()
            .add("decision_id", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("left_key", DataTypes.StringType, false)
            .add("right_key", DataTypes.StringType, false)
            .add("steward", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add("decided_at", DataTypes.TimestampType, false)
            .add("undone_at", DataTypes.TimestampType, true)
            .add("item_id", DataTypes.StringType, true)
            .add("action", DataTypes.StringType, true)
            .add("item_versions", DataTypes.StringType, true)
            .add("undone_by", DataTypes.StringType, true);

    private static final int MAX_ATTEMPTS = 8;

    /** Active decisions split by kind, as links for the clustering. */
    public record Active(List<Link> mustLinks, List<Link> cannotLinks) {
    }

    /** Two record keys a decision row joins or separates. */
    public record KeyPair(String left, String right) {
    }

    /**
     * A steward's answer to a review item.
     *
     * @param kind         MUST_LINK or CANNOT_LINK, for every row
     * @param pairs        the record pairs the answer joins or separates (one row each)
     * @param action       the answer as given (SAME, DIFFERENT, REMOVE_RECORD, ...)
     * @param itemVersions the item's record versions the steward saw (canonical text)
     */
    public record ItemAnswer(String itemId, String action, String itemVersions, String kind, List<KeyPair> pairs,
                             String steward, String reason) {
        public ItemAnswer {
            requireKind(kind);
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("an answer joins or separates at least one pair of records");
            }
            pairs = List.copyOf(pairs);
        }

        Set<String> pairSet() {
            Set<String> set = new TreeSet<>();
            pairs.forEach(p -> set.add(kind + " " + p.left() + " " + p.right()));
            return set;
        }
    }

    /** A decision as stored, rows folded together. */
    public record Stored(String decisionId, String kind, String action, String itemId, String itemVersions, String steward,
                         String reason, Instant decidedAt, Instant undoneAt, String undoneBy, List<KeyPair> pairs) {
        Set<String> pairSet() {
            Set<String> set = new TreeSet<>();
            pairs.forEach(p -> set.add(kind + " " + p.left() + " " + p.right()));
            return set;
        }
    }

    /**
     * What became of an answer.
     *
     * @param duplicate true when the same answer was already recorded (the decision returned is that one)
     */
    public record Recorded(Stored decision, boolean duplicate) {
    }

    private StewardDecisions() {
    }

    /** Appends a decision and returns its id. Who and why are kept; the records are named by key only. */
    public static String record(SparkSession spark, HubTables tables, String kind, String leftKey, String rightKey,
                                String steward, String reason) {
        requireKind(kind);
        ensureTable(spark, tables);
        String id = UUID.randomUUID().toString();
        Row row = row(id, kind, new KeyPair(leftKey, rightKey), steward, reason, Timestamp.from(Instant.now()), null, null, null);
        retrying(() -> {
            spark.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append").save(tables.stewardDecisions());
            return null;
        });
        return id;
    }

    /**
     * Records a steward's answer to a review item once. The same answer to the same item and versions
     * is a duplicate (the first one is returned); a different answer already active for them is
     * refused (undo it first). An active answer given on older versions of the item's records is
     * superseded (undone) by this one. Safe against stewards answering the same item at once: after
     * writing, the earliest active answer wins and a later copy undoes itself.
     */
    public static Recorded answer(SparkSession spark, HubTables tables, ItemAnswer answer) {
        ensureTable(spark, tables);
        for (int attempt = 1; ; attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw busy(null);
            }
            Stored existing = activeForItem(spark, tables, answer.itemId(), answer.itemVersions()).stream().findFirst().orElse(null);
            if (existing != null) {
                return sameOrRefuse(existing, answer);
            }
            String id = UUID.randomUUID().toString();
            Timestamp now = Timestamp.from(Instant.now());
            List<Row> rows = answer.pairs().stream().map(p -> row(id, answer.kind(), p, answer.steward(), answer.reason(), now,
                    answer.itemId(), answer.action(), answer.itemVersions())).toList();
            try {
                // Inserts only when no active answer to the same item and versions exists in the snapshot it reads.
                DeltaTable.forPath(spark, tables.stewardDecisions()).as("t")
                        .merge(spark.createDataFrame(rows, SCHEMA).as("u"),
                                "t.item_id = u.item_id AND t.item_versions = u.item_versions AND t.undone_at IS NULL")
                        .whenNotMatched().insertAll()
                        .execute();
            } catch (DeltaConcurrentModificationException e) {
                sleepBriefly(attempt);
                continue;
            }
            List<Stored> active = activeForItem(spark, tables, answer.itemId(), answer.itemVersions());
            Stored winner = active.isEmpty() ? null : active.get(0);
            if (winner == null) {
                continue;
            }
            for (Stored loser : active.subList(1, active.size())) {
                markUndone(spark, tables, loser.decisionId(), "system (duplicate of " + winner.decisionId() + ")");
            }
            if (!winner.decisionId().equals(id)) {
                return sameOrRefuse(winner, answer);
            }
            supersedeOlder(spark, tables, winner);
            return new Recorded(winner, false);
        }
    }

    /**
     * Marks a decision undone; later runs no longer honour it. Returns the decision as it was before
     * (its {@code undoneAt} set when it had already been undone: nothing changes then).
     */
    public static Stored undo(SparkSession spark, HubTables tables, String decisionId, String steward) {
        Stored decision = find(spark, tables, decisionId);
        if (decision == null) {
            throw HubException.of("decision '" + decisionId + "' does not exist", "no row of steward_decisions has this decision id",
                    "copy the id that `hub review decide` printed, or list decisions with `hub export steward_decisions --out DIR`");
        }
        if (decision.undoneAt() == null) {
            ensureTable(spark, tables);
            markUndone(spark, tables, decisionId, steward);
        }
        return decision;
    }

    /** Marks a decision undone; later runs no longer honour it. */
    public static void undo(SparkSession spark, HubTables tables, String decisionId) {
        undo(spark, tables, decisionId, "unknown");
    }

    /** The decision with this id, rows folded, or null. */
    public static Stored find(SparkSession spark, HubTables tables, String decisionId) {
        if (!DeltaTable.isDeltaTable(spark, tables.stewardDecisions())) {
            return null;
        }
        List<Stored> found = fold(read(spark, tables).where(col("decision_id").equalTo(lit(decisionId))).collectAsList());
        return found.isEmpty() ? null : found.get(0);
    }

    /** Active decisions answering review items: item id -> their item versions (for the queue build; a small table). */
    public static Map<String, Stored> activeByItemAndVersions(SparkSession spark, HubTables tables) {
        Map<String, Stored> out = new LinkedHashMap<>();
        if (!DeltaTable.isDeltaTable(spark, tables.stewardDecisions()) || !hasItemColumns(spark, tables)) {
            return out;
        }
        for (Stored s : fold(read(spark, tables).where(col("undone_at").isNull().and(col("item_id").isNotNull())).collectAsList())) {
            out.putIfAbsent(s.itemId() + "\u0000" + s.itemVersions(), s);
        }
        return out;
    }

    public static Active active(SparkSession spark, HubTables tables) {
        List<Link> must = new ArrayList<>();
        List<Link> cannot = new ArrayList<>();
        if (!DeltaTable.isDeltaTable(spark, tables.stewardDecisions())) {
            return new Active(List.of(), List.of());
        }
        // Steward decisions are made by people one at a time: a small table, safe to collect.
        List<Row> rows = spark.read().format("delta").load(tables.stewardDecisions())
                .where(col("undone_at").isNull()).select("kind", "left_key", "right_key").collectAsList();
        for (Row row : rows) {
            if (row.getString(1).equals(row.getString(2))) {
                continue;
            }
            Link link = new Link(row.getString(1), row.getString(2), 1.0);
            (MUST_LINK.equals(row.getString(0)) ? must : cannot).add(link);
        }
        return new Active(List.copyOf(must), List.copyOf(cannot));
    }

    private static Recorded sameOrRefuse(Stored existing, ItemAnswer answer) {
        if (existing.action().equals(answer.action()) && existing.pairSet().equals(answer.pairSet())) {
            return new Recorded(existing, true);
        }
        throw HubException.of("review item " + answer.itemId() + " is already decided: " + existing.action() + " by "
                        + existing.steward() + " at " + existing.decidedAt() + " (decision " + existing.decisionId() + ")",
                "another answer to the same item on the same record versions is active (two stewards, or a changed mind)",
                "look at it with `hub review show " + answer.itemId() + "`; to change it, `hub review undo " + existing.decisionId()
                        + " --steward NAME` and decide again");
    }

    /** Answers to the same item given on older record versions no longer hold once a newer one is recorded. */
    private static void supersedeOlder(SparkSession spark, HubTables tables, Stored newer) {
        List<Row> older = read(spark, tables).where(col("item_id").equalTo(lit(newer.itemId())).and(col("undone_at").isNull())
                .and(col("decision_id").notEqual(lit(newer.decisionId())))).select("decision_id").distinct().collectAsList();
        for (Row row : older) {
            markUndone(spark, tables, row.getString(0), newer.steward() + " (superseded by " + newer.decisionId() + ")");
        }
    }

    private static void markUndone(SparkSession spark, HubTables tables, String decisionId, String by) {
        retrying(() -> {
            DeltaTable.forPath(spark, tables.stewardDecisions()).update(
                    col("decision_id").equalTo(lit(decisionId)).and(col("undone_at").isNull()),
                    Map.of("undone_at", org.apache.spark.sql.functions.current_timestamp(), "undone_by", lit(by)));
            return null;
        });
    }

    /** Active answers to an item on these versions, earliest first (ties by id): the first one wins. */
    private static List<Stored> activeForItem(SparkSession spark, HubTables tables, String itemId, String versions) {
        List<Stored> found = fold(read(spark, tables).where(col("item_id").equalTo(lit(itemId))
                .and(col("item_versions").equalTo(lit(versions))).and(col("undone_at").isNull())).collectAsList());
        found.sort(Comparator.comparing(Stored::decidedAt).thenComparing(Stored::decisionId));
        return found;
    }

    private static List<Stored> fold(List<Row> rows) {
        Map<String, List<Row>> byId = new LinkedHashMap<>();
        for (Row row : rows) {
            byId.computeIfAbsent(row.getAs("decision_id"), k -> new ArrayList<>()).add(row);
        }
        List<Stored> out = new ArrayList<>();
        byId.forEach((id, group) -> {
            Row first = group.get(0);
            List<KeyPair> pairs = group.stream().map(r -> new KeyPair(r.getAs("left_key"), r.getAs("right_key"))).toList();
            Timestamp undone = first.getAs("undone_at");
            out.add(new Stored(id, first.getAs("kind"), optional(first, "action"), optional(first, "item_id"), optional(first, "item_versions"),
                    first.getAs("steward"), first.getAs("reason"), first.<Timestamp>getAs("decided_at").toInstant(),
                    undone == null ? null : undone.toInstant(), optional(first, "undone_by"), pairs));
        });
        return out;
    }

    /** A column tables written before review items existed lack. */
    private static String optional(Row row, String column) {
        return row.schema().getFieldIndex(column).isDefined() ? row.getAs(column) : null;
    }

    private static org.apache.spark.sql.Dataset<Row> read(SparkSession spark, HubTables tables) {
        return spark.read().format("delta").load(tables.stewardDecisions());
    }

    /** Creates the table, or adds the columns a table from an earlier version lacks (schema evolution on an empty append). */
    private static void ensureTable(SparkSession spark, HubTables tables) {
        if (DeltaTable.isDeltaTable(spark, tables.stewardDecisions()) && hasItemColumns(spark, tables)) {
            return;
        }
        retrying(() -> {
            spark.createDataFrame(List.of(), SCHEMA).write().format("delta").mode("append").option("mergeSchema", "true")
                    .save(tables.stewardDecisions());
            return null;
        });
    }

    private static boolean hasItemColumns(SparkSession spark, HubTables tables) {
        List<String> present = Arrays.asList(read(spark, tables).schema().fieldNames());
        return Arrays.stream(SCHEMA.fields()).map(StructField::name).allMatch(present::contains);
    }

    private static Row row(String id, String kind, KeyPair pair, String steward, String reason, Timestamp at, String itemId,
                           String action, String versions) {
        return RowFactory.create(id, kind, pair.left(), pair.right(), steward, reason, at, null, itemId, action, versions, null);
    }

    private static void requireKind(String kind) {
        if (!MUST_LINK.equals(kind) && !CANNOT_LINK.equals(kind)) {
            throw HubException.of("decision kind '" + kind + "' is unknown", "stewards decide must-link or cannot-link",
                    "use " + MUST_LINK + " or " + CANNOT_LINK);
        }
    }

    /** Delta's optimistic concurrency: a writer that lost a race retries on the new snapshot. */
    private static <T> T retrying(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (DeltaConcurrentModificationException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw busy(e);
                }
                sleepBriefly(attempt);
            }
        }
    }

    private static HubException busy(RuntimeException e) {
        return HubException.of("steward_decisions stayed busy", "other writers kept committing while this one retried " + MAX_ATTEMPTS + " times",
                "run the command again: nothing was half-written", e);
    }

    private static void sleepBriefly(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
