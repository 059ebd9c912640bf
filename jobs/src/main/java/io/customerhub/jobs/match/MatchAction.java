package io.customerhub.jobs.match;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.customerhub.jobs.spark.LazyRows;
import io.customerhub.jobs.table.DeltaTableProperties;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.blocking.PairBudget;
import io.customerhub.matching.compare.PreparedRecord;
import io.customerhub.matching.model.FellegiSunterModel;
import io.customerhub.matching.model.MatchDecision;
import io.customerhub.matching.model.ScoredPair;
import io.customerhub.matching.model.TermFrequencies;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.Settings;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.sketch.BloomFilter;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Candidate pairs by the settings' blocking rules (union, each pair once, counted for its first
 * rule), with oversized blocks skipped and reported; each pair scored by the matching core, with
 * deterministic identifier rules and thresholds, and stored in {@code pairs} with its explanation
 * (comparison vector, weights, term frequencies) and the model version.
 *
 * <p>Incremental: only pairs with at least one record new or changed in this run are compared
 * (against all current records); pairs of untouched records are kept. {@code full} compares all.
 */
public final class MatchAction {

    /** Settings of the match step. */
    public record Options(HubTables tables, String runId, boolean full, int maxBlockSize, String settingsFile, double pairsPerRecord) {
        public static final int DEFAULT_MAX_BLOCK_SIZE = 500;

        public Options(HubTables tables, String runId, boolean full, int maxBlockSize, String settingsFile) {
            this(tables, runId, full, maxBlockSize, settingsFile, PairBudget.DEFAULT_PAIRS_PER_RECORD);
        }
    }

    /** Above this many changed records, the pairs table is rewritten instead of named key by key in a replaceWhere. */
    static final long MAX_KEYS_IN_PREDICATE = 200_000;
    /** Up to this many blocks to compare (rule, key), they are broadcast to the block join (a few MB). */
    static final long MAX_BROADCAST_BLOCKS = 300_000;
    private static final String REPLACE_WHERE_CHECK = "spark.databricks.delta.replaceWhere.constraintCheck.enabled";
    private static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";
    /** Columns of {@code pairs} that queries filter on: the keys (replaced pairs of changed records) and the run. */
    static final String PAIRS_STATS_COLUMNS = "left_key,right_key,run_id";

    /** Fields whose term frequencies the model may use, and the records column holding them. */
    private static final Map<String, String> TF_COLUMNS = Map.of("family_name", "std_family_name", "given_name", "std_given_name");

    /** The records columns {@link RecordsTable#fromRow(Row, String)} reads, and the key: all a pair's scoring needs. */
    static final List<String> SCORED_COLUMNS = scoredColumns();

    static final StructType KEY_SCHEMA = new StructType()
            .add("rule", DataTypes.IntegerType, false)
            .add("block_key", DataTypes.StringType, false)
            .add("record_key", DataTypes.StringType, false)
            .add("changed", DataTypes.BooleanType, false);

    /** A candidate pair from one block, before the pairs met in several blocks are made one. */
    static final StructType PAIR_SCHEMA = new StructType()
            .add("left_key", DataTypes.StringType, false)
            .add("right_key", DataTypes.StringType, false)
            .add("rule", DataTypes.IntegerType, false);

    public static final StructType PAIRS_SCHEMA = new StructType()
            .add("left_key", DataTypes.StringType, false)
            .add("right_key", DataTypes.StringType, false)
            .add("blocking_rule", DataTypes.StringType, false)
            .add("gamma", DataTypes.StringType, false)
            .add("comparison_weights", DataTypes.createArrayType(DataTypes.DoubleType), false)
            .add("term_frequencies", DataTypes.createArrayType(DataTypes.DoubleType), false)
            .add("match_weight", DataTypes.DoubleType, false)
            .add("probability", DataTypes.DoubleType, false)
            .add("decision", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("deterministic", DataTypes.BooleanType, false)
            .add("model_version", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false);

    private final SparkSession spark;
    private final Options options;

    public MatchAction(SparkSession spark, Options options) {
        this.spark = spark;
        this.options = options;
    }

    public MatchResult execute() {
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup("match", "block and score pairs for run " + options.runId(), false);
        try {
            Settings settings = ModelStore.current(spark, options.tables(), options.settingsFile());
            Dataset<Row> records = spark.read().format("delta").load(options.tables().records());
            // Cached once with each record's blocks: read by the block sizes, term frequencies and block members.
            List<Column> kept = new ArrayList<>(SCORED_COLUMNS.stream().map(functions::col).toList());
            kept.add((options.full() ? lit(true) : col("last_changed_run").equalTo(options.runId())).as("changed"));
            Dataset<Row> current = withBlockIds(records.where(col("retired").equalTo(false)).select(kept.toArray(Column[]::new)), settings)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Row sizes = current.agg(count(lit(1)), sum(col("changed").cast("long"))).first();
                Map<String, Long> cappedBlocks = new TreeMap<>();
                Map<String, Long> cappedRecords = new TreeMap<>();
                UsableBlocks usable = usableBlocks(current, sizes.getLong(0), settings, cappedBlocks, cappedRecords);
                // Scored once, straight into the table, and counted there: caching 14 M scored pairs
                // (columnar, compressed) to count them first cost more than reading two columns back.
                writePairs(scoreInBlocks(current, sizes.getLong(0), usable, settings), records);
                Map<String, Long> perRule = new TreeMap<>();
                Map<String, Long> decisions = new TreeMap<>();
                long pairs = 0;
                for (Row row : spark.read().format("delta").load(options.tables().pairs()).where(col("run_id").equalTo(options.runId()))
                        .groupBy("blocking_rule", "decision").agg(count(lit(1))).collectAsList()) {
                    perRule.merge(row.getString(0), row.getLong(2), Long::sum);
                    decisions.merge(row.getString(1), row.getLong(2), Long::sum);
                    pairs += row.getLong(2);
                }
                MatchResult result = new MatchResult(sizes.getLong(0), sizes.isNullAt(1) ? 0 : sizes.getLong(1), pairs,
                        perRule, decisions, cappedBlocks, cappedRecords, settings.version());
                RunsTable.upsert(spark, options.tables(), runRecord(result, started));
                return result;
            } finally {
                current.unpersist();
            }
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * Pairs (left_key < right_key, rule = first rule producing them) sharing a block key with at
     * least one changed record. Each rule compares blocks up to its cap: the fixed
     * {@code maxBlockSize}, lowered by the {@link PairBudget} where a rule would produce more than its
     * share of {@code pairsPerRecord x records} ({@code records}: the current records the keys come
     * from). Caps come from all current records, so a full and an incremental run compare the same
     * blocks; skipped blocks are counted per rule.
     */
    public static Dataset<Row> candidatePairs(Dataset<Row> keys, long records, int maxBlockSize, double pairsPerRecord, Settings settings,
                                              Map<String, Long> cappedBlocks, Map<String, Long> cappedRecords) {
        return candidatePairs(keys, records, maxBlockSize, pairsPerRecord, PairBudget.FLOOR, settings, cappedBlocks, cappedRecords);
    }

    /** As above with another budget floor (tests show the budget on a few records with floor 0). */
    static Dataset<Row> candidatePairs(Dataset<Row> keys, long records, int maxBlockSize, double pairsPerRecord, long budgetFloor,
                                       Settings settings, Map<String, Long> cappedBlocks, Map<String, Long> cappedRecords) {
        // Blocks by a 64-bit hash of (rule, key): grouping and sorting a long instead of the key
        // text. A collision (odds about 1e-6 on a 1 M hub) only merges two blocks: a few extra pairs scored.
        Dataset<Row> ids = keys.select(col("rule"), xxhash64(col("rule"), col("block_key")).as("block_id"), col("record_key"), col("changed"));
        Dataset<Row> blockSizes = ids.groupBy("rule", "block_id").agg(count(lit(1)).as("size"),
                max(col("changed").cast("int")).as("has_changed")).persist(StorageLevel.MEMORY_AND_DISK());
        int[] caps = blockCaps(blockSizes, records, maxBlockSize, pairsPerRecord, budgetFloor, settings);
        Dataset<Row> sized = withCaps(blockSizes, caps, maxBlockSize, settings, cappedBlocks, cappedRecords);
        Dataset<Row> members = ids;
        List<Long> usable = sized.where(col("size").leq(col("cap")).and(col("has_changed").equalTo(1))).select("block_id")
                .limit((int) MAX_BROADCAST_BLOCKS + 1).as(Encoders.LONG()).collectAsList();
        // The block sizes are not needed past this point: not kept cached through the rest of the night.
        blockSizes.unpersist();
        if (usable.size() <= MAX_BROADCAST_BLOCKS) {
            // A night with few changed records compares few blocks: sent to every task, they pick their
            // members from the keys where they lie, instead of shuffling every record's keys to find them.
            Dataset<Row> blocks = keys.sparkSession().createDataset(usable, Encoders.LONG()).toDF("block_id");
            members = ids.join(broadcast(blocks), new String[] {"block_id"}, "left_semi").select("rule", "block_id", "record_key", "changed");
        }
        // Each block's members side by side (one shuffle and a sort on the long id), paired in Java:
        // cheaper than a sort-merge self-join on (rule, key), and the caps are applied on the way.
        int[] blockCaps = caps;
        return members.repartition(col("block_id")).sortWithinPartitions("block_id")
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new BlockPairs(rows, blockCaps), ExpressionEncoder.apply(PAIR_SCHEMA))
                .groupBy("left_key", "right_key")
                .agg(min(col("rule")).as("rule"));
    }

    /** The block sizes with their rule's cap ({@code cap}); the blocks over it are counted per rule. */
    private static Dataset<Row> withCaps(Dataset<Row> blockSizes, int[] caps, int maxBlockSize, Settings settings,
                                         Map<String, Long> cappedBlocks, Map<String, Long> cappedRecords) {
        Column cap = lit(maxBlockSize);
        for (int r = caps.length - 1; r >= 0; r--) {
            cap = when(col("rule").equalTo(r), lit(caps[r])).otherwise(cap);
        }
        Dataset<Row> sized = blockSizes.withColumn("cap", cap);
        for (Row row : sized.where(col("size").gt(col("cap"))).groupBy("rule").agg(count(lit(1)), sum("size")).collectAsList()) {
            String rule = settings.blockingRules().get(row.getInt(0)).name();
            cappedBlocks.put(rule, row.getLong(1));
            cappedRecords.put(rule, row.getLong(2));
        }
        return sized;
    }

    /** Candidate pairs with the default pair budget. */
    public static Dataset<Row> candidatePairs(Dataset<Row> keys, long records, int maxBlockSize, Settings settings,
                                              Map<String, Long> cappedBlocks, Map<String, Long> cappedRecords) {
        return candidatePairs(keys, records, maxBlockSize, PairBudget.DEFAULT_PAIRS_PER_RECORD, settings, cappedBlocks, cappedRecords);
    }

    /** Each rule's block-size cap from the histogram of block sizes (a few thousand rows at most). */
    public static int[] blockCaps(Dataset<Row> blockSizes, long records, int maxBlockSize, double pairsPerRecord, long budgetFloor,
                                  Settings settings) {
        List<TreeMap<Long, Long>> histograms = new ArrayList<>();
        settings.blockingRules().forEach(r -> histograms.add(new TreeMap<>()));
        for (Row row : blockSizes.groupBy("rule", "size").agg(count(lit(1))).collectAsList()) {
            histograms.get(row.getInt(0)).put(row.getLong(1), row.getLong(2));
        }
        return PairBudget.caps(histograms, records, pairsPerRecord, budgetFloor, maxBlockSize);
    }

    /** One row per (rule, key, record): a record with several keys under a rule appears once per key. */
    public static Dataset<Row> blockingKeys(Dataset<Row> current, Settings settings) {
        String settingsJson = settings.toJson();
        RecordsTable.Reader reader = new RecordsTable.Reader(current.schema(), "");
        int recordKey = current.schema().fieldIndex("record_key");
        int changedColumn = current.schema().fieldIndex("changed");
        return current.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            List<BlockingRule> rules = Settings.fromJson(settingsJson).blockingRules();
            return LazyRows.flatMap(rows, row -> {
                StandardizedRecord record = reader.read(row);
                String key = row.getString(recordKey);
                boolean changed = row.getBoolean(changedColumn);
                List<Row> keys = new ArrayList<>();
                for (int i = 0; i < rules.size(); i++) {
                    for (String blockKey : rules.get(i).keysFor(record)) {
                        keys.add(RowFactory.create(i, blockKey, key, changed));
                    }
                }
                return keys.iterator();
            });
        }, ExpressionEncoder.apply(KEY_SCHEMA));
    }

    /** The records with their blocks under the settings' rules ({@code block_ids}, see {@link BlockIds}). */
    static Dataset<Row> withBlockIds(Dataset<Row> records, Settings settings) {
        String settingsJson = settings.toJson();
        RecordsTable.Reader reader = new RecordsTable.Reader(records.schema(), "");
        StructType schema = records.schema().add("block_ids", DataTypes.createArrayType(DataTypes.LongType, false), false);
        int width = records.schema().size();
        return records.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            List<BlockingRule> rules = Settings.fromJson(settingsJson).blockingRules();
            return LazyRows.map(rows, row -> {
                Object[] values = new Object[width + 1];
                for (int i = 0; i < width; i++) {
                    values[i] = row.get(i);
                }
                values[width] = BlockIds.of(rules, reader.read(row));
                return RowFactory.create(values);
            });
        }, ExpressionEncoder.apply(schema));
    }

    /** What the block members need to know of the blocks: which may pair (approximate) and which are over their cap (exact). */
    record UsableBlocks(long count, BloomFilter pairable, long[] oversized) implements java.io.Serializable {
        /** Whether records may be paired in this block: within its cap, holding 2 or more records and a changed one. */
        boolean usable(long block) {
            return pairable.mightContainLong(block) && java.util.Arrays.binarySearch(oversized, block) < 0;
        }
    }

    /**
     * The blocks to compare: each rule's cap set as {@link #candidatePairs} sets it (blocks over it
     * counted per rule), then the blocks within it that hold two records and a changed one, as a
     * Bloom filter (a false positive only sends a block that gives no pair: a single record, or no
     * changed record), and the oversized blocks, exactly (no pair may be scored there).
     */
    private UsableBlocks usableBlocks(Dataset<Row> current, long records, Settings settings,
                                      Map<String, Long> cappedBlocks, Map<String, Long> cappedRecords) {
        Dataset<Row> blockSizes = current.select(explode(col("block_ids")).as("block_id"), col("changed"))
                .groupBy("block_id").agg(count(lit(1)).as("size"), max(col("changed").cast("int")).as("has_changed"))
                .withColumn("rule", shiftrightunsigned(col("block_id"), 56).cast("int"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            int[] caps = blockCaps(blockSizes, records, options.maxBlockSize(), options.pairsPerRecord(), PairBudget.FLOOR, settings);
            Dataset<Row> sized = withCaps(blockSizes, caps, options.maxBlockSize(), settings, cappedBlocks, cappedRecords);
            long[] oversized = sized.where(col("size").gt(col("cap"))).select("block_id").as(Encoders.LONG()).collectAsList()
                    .stream().mapToLong(Long::longValue).sorted().toArray();
            Dataset<Row> pairable = sized.where(col("size").geq(2).and(col("size").leq(col("cap"))).and(col("has_changed").equalTo(1)));
            long count = pairable.count();
            BloomFilter filter = count == 0 ? BloomFilter.create(1) : pairable.stat().bloomFilter("block_id", count, 0.01);
            return new UsableBlocks(count, filter, oversized);
        } finally {
            blockSizes.unpersist();
        }
    }

    /**
     * Every record sent to each of its usable blocks with its columns and its usable blocks; each
     * block's pairs scored there ({@link BlockScorer}). No join brings the records to the pairs.
     */
    private Dataset<Row> scoreInBlocks(Dataset<Row> current, long records, UsableBlocks usable, Settings settings) {
        if (usable.count() == 0) {
            return spark.createDataFrame(List.of(), PAIRS_SCHEMA);
        }
        Broadcast<Map<String, Map<String, Double>>> tf = spark.sparkContext().broadcast(termFrequencies(current, records),
                scala.reflect.ClassTag$.MODULE$.apply(Map.class));
        Broadcast<UsableBlocks> blocks = spark.sparkContext().broadcast(usable, scala.reflect.ClassTag$.MODULE$.apply(UsableBlocks.class));
        StructType recordSchema = current.drop("changed", "block_ids").schema();
        StructType memberSchema = new StructType()
                .add("block_id", DataTypes.LongType, false)
                .add("changed", DataTypes.BooleanType, false)
                .add("usable_blocks", DataTypes.createArrayType(DataTypes.LongType, false), false);
        for (org.apache.spark.sql.types.StructField field : recordSchema.fields()) {
            memberSchema = memberSchema.add(field);
        }
        int[] recordColumns = java.util.Arrays.stream(recordSchema.fieldNames()).mapToInt(current.schema()::fieldIndex).toArray();
        int changedColumn = current.schema().fieldIndex("changed");
        int blocksColumn = current.schema().fieldIndex("block_ids");
        Dataset<Row> members = current.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            UsableBlocks filter = blocks.value();
            return LazyRows.flatMap(rows, row -> {
                List<Long> ids = row.getList(blocksColumn);
                long[] kept = new long[ids.size()];
                int usableCount = 0;
                for (Long id : ids) {
                    if (filter.usable(id)) {
                        kept[usableCount++] = id;
                    }
                }
                if (usableCount == 0) {
                    return java.util.Collections.emptyIterator();
                }
                kept = java.util.Arrays.copyOf(kept, usableCount);
                Object[] values = new Object[3 + recordColumns.length];
                values[1] = row.getBoolean(changedColumn);
                values[2] = kept;
                for (int i = 0; i < recordColumns.length; i++) {
                    values[3 + i] = row.get(recordColumns[i]);
                }
                List<Row> out = new ArrayList<>(usableCount);
                for (long id : kept) {
                    Object[] member = values.clone();
                    member[0] = id;
                    out.add(RowFactory.create(member));
                }
                return out.iterator();
            });
        }, ExpressionEncoder.apply(memberSchema));

        String settingsJson = settings.toJson();
        List<String> ruleNames = settings.blockingRules().stream().map(BlockingRule::name).toList();
        String runId = options.runId();
        RecordsTable.Reader reader = new RecordsTable.Reader(memberSchema, "");
        int key = memberSchema.fieldIndex("record_key");
        return members.repartition(col("block_id")).sortWithinPartitions("block_id").mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            FellegiSunterModel model = FellegiSunterModel.compile(Settings.fromJson(settingsJson));
            TermFrequencies frequencies = TermFrequencies.of(tf.value());
            Iterator<BlockScorer.Member> sorted = LazyRows.map(rows, row -> new BlockScorer.Member(row.getLong(0), row.getString(key),
                    row.getBoolean(1), longs(row.getList(2)), reader.read(row)));
            return LazyRows.map(new BlockScorer(sorted, (left, right) -> model.decide(left, right, frequencies)), pair -> {
                MatchDecision decision = pair.decision();
                ScoredPair s = decision.score();
                return RowFactory.create(pair.leftKey(), pair.rightKey(), ruleNames.get(pair.rule()),
                        s.gammaString(), s.comparisonWeights(), s.termFrequencies(), s.matchWeight(), s.probability(),
                        decision.decision().name(), decision.reason(), decision.deterministic(), s.modelVersion(), runId);
            });
        }, ExpressionEncoder.apply(PAIRS_SCHEMA));
    }

    private static long[] longs(List<Long> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Relative frequency of each value of the TF fields among current records; absent = seen once. */
    private static Map<String, Map<String, Double>> termFrequencies(Dataset<Row> current, long records) {
        long total = Math.max(1, records);
        Map<String, Map<String, Double>> table = new HashMap<>();
        TF_COLUMNS.forEach((field, column) -> {
            Map<String, Double> byValue = new HashMap<>();
            for (Row row : current.where(col(column).isNotNull()).groupBy(column).agg(count(lit(1)).as("n"))
                    .where(col("n").gt(1)).collectAsList()) {
                byValue.put(row.getString(0), (double) row.getLong(1) / total);
            }
            table.put(field, byValue);
        });
        return table;
    }

    /**
     * Pairs touching a record changed in this run are replaced; the rest are kept. One atomic commit:
     * a replaceWhere on the changed keys, which with deletion vectors marks the old rows instead of
     * rewriting every file (the pairs of a changed record are spread over all of them).
     */
    private void writePairs(Dataset<Row> scored, Dataset<Row> records) {
        String path = options.tables().pairs();
        if (options.full() || !DeltaTable.isDeltaTable(spark, path)) {
            ensurePairsTable(path);
            // Partitioned by decision: cluster, review and report read the few LINK and REVIEW pairs
            // without scanning the NO_LINK ones (about 94 % of the pairs on a 1 M hub).
            scored.write().format("delta").mode("overwrite").option("overwriteSchema", "true").partitionBy("decision").save(path);
            return;
        }
        Dataset<Row> changedKeys = records.where(col("last_changed_run").equalTo(options.runId())).select("record_key");
        // One bounded read tells both whether to rewrite and, if not, which keys to name.
        List<String> changed = changedKeys.limit((int) MAX_KEYS_IN_PREDICATE + 1).as(Encoders.STRING()).collectAsList();
        if (changed.size() > MAX_KEYS_IN_PREDICATE) {
            // A night that changed most of the hub: one rewrite is cheaper than a predicate naming every key.
            Dataset<Row> kept = spark.read().format("delta").load(path)
                    .join(changedKeys.withColumnRenamed("record_key", "left_key"), new String[] {"left_key"}, "left_anti")
                    .join(changedKeys.withColumnRenamed("record_key", "right_key"), new String[] {"right_key"}, "left_anti")
                    .select(scored.columns()[0], java.util.Arrays.copyOfRange(scored.columns(), 1, scored.columns().length));
            kept.unionByName(scored).write().format("delta").mode("overwrite").save(path);
            return;
        }
        DeltaTableProperties.enableDeletionVectors(spark, path);
        if (changed.isEmpty()) {
            scored.write().format("delta").mode("append").save(path);
            return;
        }
        String keys = changed.stream().map(MatchAction::sqlString).collect(Collectors.joining(","));
        // Delta checks each written row against the replaceWhere predicate without the optimizer's
        // hash set: a linear scan of both key lists per row (90 s of a 1 M hub's 1 % night). Every
        // scored pair holds a changed record by construction, so the check is off for this write.
        String previous = spark.conf().get(REPLACE_WHERE_CHECK, "true");
        spark.conf().set(REPLACE_WHERE_CHECK, "false");
        try {
            scored.write().format("delta").mode("overwrite")
                    .option("replaceWhere", "left_key IN (" + keys + ") OR right_key IN (" + keys + ")").save(path);
        } finally {
            spark.conf().set(REPLACE_WHERE_CHECK, previous);
        }
    }

    /**
     * Creates the pairs table with file statistics on the columns its readers filter by only (an
     * older hub's table gets the property): statistics on the other columns of every scored pair
     * (weights, gamma, probability) are work on each write that no query uses to skip a file.
     */
    private void ensurePairsTable(String path) {
        if (DeltaTable.isDeltaTable(spark, path)) {
            DeltaTableProperties.set(spark, path, STATS_COLUMNS, PAIRS_STATS_COLUMNS);
            return;
        }
        DeltaTable.createIfNotExists(spark).location(DeltaTableProperties.qualified(spark, path)).addColumns(PAIRS_SCHEMA)
                .partitionedBy("decision")
                .property(STATS_COLUMNS, PAIRS_STATS_COLUMNS)
                .property(DeltaTableProperties.DELETION_VECTORS, "true")
                .execute();
    }

    /** A Spark SQL string literal (backslash escapes are on by default). */
    static String sqlString(String value) {
        return DeltaTableProperties.sqlString(value);
    }

    private RunRecord runRecord(MatchResult r, Instant started) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("pairs", r.pairs());
        counts.put("compared_records", r.comparedRecords());
        r.pairsPerRule().forEach((k, v) -> counts.put("rule." + k, v));
        r.decisions().forEach((k, v) -> counts.put("decision." + k, v));
        r.cappedBlocks().forEach((k, v) -> counts.put("capped_blocks." + k, v));
        List<String> warnings = new ArrayList<>();
        r.cappedBlocks().forEach((rule, n) -> warnings.add("blocking rule '" + rule + "': " + n
                + " blocks over its size cap skipped (" + r.recordsInCappedBlocks().get(rule) + " records; cap = --max-block-size "
                + options.maxBlockSize() + ", lowered where the rule exceeds its share of " + options.pairsPerRecord()
                + " pairs per record; `hub blocking-report` shows each rule's cap)"));
        return new RunRecord(options.runId(), "match", "*", RunRecord.SUCCEEDED, started, Instant.now(),
                r.records(), r.records(), 0, counts, warnings, "model " + r.modelVersion());
    }

    private static List<String> scoredColumns() {
        List<String> columns = new ArrayList<>(List.of("record_key", "source_system", "source_id"));
        columns.addAll(RecordsTable.STD_COLUMNS);
        columns.add("customer_numbers");
        return List.copyOf(columns);
    }
}
