package io.customerhub.jobs.review;

import io.customerhub.jobs.cli.CliRun;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.cli.HubCommand;
import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.StewardDecisions;
import io.customerhub.jobs.train.TrainAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The review queue and steward decisions on real Delta tables: what is queued, how answers are kept and honoured. */
class ReviewTest extends SparkTestBase {

    @Test
    void pairAnswersAreHonouredRecordedOnceUndoableAndRefusedOnChangedRecords() throws Exception {
        ReviewHub hub = new ReviewHub(spark(), tempDir.resolve("pairs"));
        hub.night("r1", ReviewHub.CRM, ReviewHub.WEB);
        ReviewBuildAction.Result built = hub.build("r1");

        Set<String> reviewBand = hub.pairs().stream().filter(p -> "REVIEW".equals(p.getAs("decision")))
                .map(p -> ReviewItems.pairItemId(p.getAs("left_key"), p.getAs("right_key"))).collect(Collectors.toSet());
        List<ReviewItem> pairItems = hub.queue().stream().filter(ReviewItem::isPair).toList();
        assertThat(reviewBand).as("the demo hub has uncertain pairs").isNotEmpty();
        assertThat(pairItems).extracting(ReviewItem::itemId).containsExactlyInAnyOrderElementsOf(reviewBand);
        assertThat(built.pairsOpen()).isEqualTo(reviewBand.size());
        assertThat(pairItems).allSatisfy(item -> {
            assertThat(item.status()).isEqualTo(ReviewItems.OPEN);
            assertThat(item.probability()).isBetween(0.5, 0.99);
            assertThat(item.recordVersions()).containsOnlyKeys(item.leftKey(), item.rightKey()).containsValues("r1");
            assertThat(Explanations.waterfall(item.explanation()).probability()).isCloseTo(item.probability(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(item.priority()).isPositive();
        });
        assertThat(runsCount(hub, "r1", "review", "pairs.open")).isEqualTo(reviewBand.size());

        ReviewItem item = pairItems.stream().max(java.util.Comparator.comparingDouble(ReviewItem::priority)).orElseThrow();
        String left = item.leftKey();
        String right = item.rightKey();
        assertThat(hub.xref().get(left)).as("a REVIEW pair is not followed").isNotEqualTo(hub.xref().get(right));
        ReviewDesk desk = new ReviewDesk(spark(), hub.tables);

        StewardDecisions.Recorded same = desk.decide(item.itemId(), ReviewDesk.Answer.SAME, null, "alice", "same phone in the call notes");
        StewardDecisions.Recorded again = desk.decide(item.itemId(), ReviewDesk.Answer.SAME, null, "alice", "same phone in the call notes");
        assertThat(same.duplicate()).isFalse();
        assertThat(again.duplicate()).as("double submit").isTrue();
        assertThat(again.decision().decisionId()).isEqualTo(same.decision().decisionId());
        assertThat(decisionRows(hub, item.itemId())).hasSize(1);
        assertThatThrownBy(() -> desk.decide(item.itemId(), ReviewDesk.Answer.DIFFERENT, null, "bob", "different birth dates"))
                .isInstanceOf(HubException.class).hasMessageContaining("already decided: SAME by alice").hasMessageContaining("hub review undo");
        assertThat(ReviewQueue.item(spark(), hub.tables, item.itemId()).status()).isEqualTo(ReviewItems.DECIDED);

        hub.matchAndCluster("r2");
        assertThat(hub.xref().get(left)).as("--same joins them").isEqualTo(hub.xref().get(right));
        hub.build("r2");
        ReviewItem decided = ReviewQueue.item(spark(), hub.tables, item.itemId());
        assertThat(decided.status()).as("not asked again while its records are unchanged").isEqualTo(ReviewItems.DECIDED);
        assertThat(decided.decisionId()).isEqualTo(same.decision().decisionId());

        desk.undo(same.decision().decisionId(), "alice");
        assertThat(ReviewQueue.item(spark(), hub.tables, item.itemId()).status()).as("undo reopens").isEqualTo(ReviewItems.OPEN);
        assertThat(desk.undo(same.decision().decisionId(), "alice").undoneAt()).as("a second undo changes nothing").isNotNull();
        StewardDecisions.Recorded different = desk.decide(item.itemId(), ReviewDesk.Answer.DIFFERENT, null, "bob", "different birth dates");
        hub.matchAndCluster("r3");
        assertThat(hub.xref().get(left)).as("undo restores; --different keeps them apart").isNotEqualTo(hub.xref().get(right));
        hub.build("r3");
        assertThat(ReviewQueue.item(spark(), hub.tables, item.itemId()).decisionId()).isEqualTo(different.decision().decisionId());

        // A night changes the web records (same normalised values): the queued item no longer matches them.
        hub.night("r4", ReviewHub.CRM, ReviewHub.WEB_RECASED);
        assertThatThrownBy(() -> desk.decide(item.itemId(), ReviewDesk.Answer.SAME, null, "carol", "checked"))
                .isInstanceOf(HubException.class).hasMessageContaining("is stale").hasMessageContaining("r1 -> r4");
        hub.build("r4");
        ReviewItem requeued = ReviewQueue.item(spark(), hub.tables, item.itemId());
        assertThat(requeued.status()).as("asked again once a record changed").isEqualTo(ReviewItems.OPEN);
        assertThat(requeued.recordVersions()).containsValue("r4");
        StewardDecisions.Recorded renewed = desk.decide(item.itemId(), ReviewDesk.Answer.SAME, null, "carol", "checked again");
        assertThat(activeDecisionIds(hub, item.itemId())).as("the newer answer supersedes the one on older versions")
                .containsExactly(renewed.decision().decisionId());

        String root = hub.tables.root();
        CliRun list = hub("review", "list", "--json", "--status", "all", "--hub-root", root);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("\"item_id\":\"" + item.itemId() + "\"");
        CliRun show = hub("review", "show", item.itemId(), "--hub-root", root);
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains(left, right, "normalised values", "match weight", renewed.decision().decisionId() + " SAME by carol");
        CliRun unknown = hub("review", "decide", "p-000000000000", "--same", "--reason", "x", "--steward", "dan", "--hub-root", root);
        assertThat(unknown.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(unknown.err()).contains("review item 'p-000000000000' is not in the queue", "fix:");
        CliRun undoUnknown = hub("review", "undo", "no-such-decision", "--steward", "dan", "--hub-root", root);
        assertThat(undoUnknown.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(undoUnknown.err()).contains("decision 'no-such-decision' does not exist");
        CliRun twice = hub("review", "decide", item.itemId(), "--same", "--reason", "checked again", "--steward", "carol", "--hub-root", root);
        assertThat(twice.exitCode()).isZero();
        assertThat(twice.out()).contains("already decided", "nothing added");
    }

    @Test
    void aSuspiciousClusterIsQueuedAndConcurrentStewardsAndANightlyBuildLoseNothing() throws Exception {
        ReviewHub hub = new ReviewHub(spark(), tempDir.resolve("cluster"));
        hub.night("r1", ReviewHub.CRM, ReviewHub.WEB);
        // A must-link over conflicting customer numbers (crm C6, web record referring to C9) makes a suspicious cluster.
        StewardDecisions.record(spark(), hub.tables, StewardDecisions.MUST_LINK, "crm/C6", "web/W6", "zoe", "moved branch");
        hub.matchAndCluster("r1");
        hub.build("r1");
        String golden = hub.xref().get("crm/C6");
        assertThat(hub.xref().get("web/W6")).isEqualTo(golden);
        ReviewItem cluster = ReviewQueue.item(spark(), hub.tables, ReviewItems.clusterItemId(golden));
        assertThat(cluster.kind()).isEqualTo(ReviewItems.CLUSTER);
        assertThat(cluster.reasons()).contains(ReviewItems.CONFLICTING_IDENTIFIERS);
        assertThat(cluster.recordVersions()).containsOnlyKeys("crm/C6", "web/W6");
        assertThat(Explanations.clusterSignals(cluster.explanation())).containsEntry("conflicting_identifiers", List.of("crm"));

        ReviewDesk desk = new ReviewDesk(spark(), hub.tables);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (Callable<Object> task : List.<Callable<Object>>of(
                () -> hub.build("r2"),
                () -> desk.decide(cluster.itemId(), ReviewDesk.Answer.REMOVE_RECORD, "web:W6", "alice", "not the same person"),
                () -> desk.decide(cluster.itemId(), ReviewDesk.Answer.SAME, null, "bob", "same person"))) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    return task.call();
                } catch (HubException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        List<Object> results = new ArrayList<>();
        for (Future<Object> f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();
        assertThat(results.get(0)).as("the nightly build").isInstanceOf(ReviewBuildAction.Result.class);
        List<StewardDecisions.Recorded> recorded = results.subList(1, 3).stream().filter(StewardDecisions.Recorded.class::isInstance)
                .map(StewardDecisions.Recorded.class::cast).toList();
        List<HubException> refused = results.subList(1, 3).stream().filter(HubException.class::isInstance).map(HubException.class::cast).toList();
        assertThat(recorded).as("exactly one steward's answer stands").hasSize(1);
        assertThat(refused).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("already decided"));
        String winner = recorded.get(0).decision().decisionId();
        assertThat(activeDecisionIds(hub, cluster.itemId())).containsExactly(winner);
        hub.build("r2");
        assertThat(ReviewQueue.item(spark(), hub.tables, cluster.itemId()).status()).isEqualTo(ReviewItems.DECIDED);

        if (!ReviewDesk.Answer.REMOVE_RECORD.name().equals(recorded.get(0).decision().action())) {
            desk.undo(winner, "bob");
            desk.decide(cluster.itemId(), ReviewDesk.Answer.REMOVE_RECORD, "web:W6", "alice", "not the same person");
        }
        assertThatThrownBy(() -> desk.decide(ReviewItems.pairItemId("x/1", "x/2"), ReviewDesk.Answer.SAME, null, "alice", "?"))
                .isInstanceOf(HubException.class).hasMessageContaining("is not in the queue");
        hub.matchAndCluster("r3");
        assertThat(hub.xref().get("web/W6")).as("the removed record left the cluster, over the earlier must-link").isNotEqualTo(hub.xref().get("crm/C6"));
        hub.build("r3");
        assertThat(hub.queue()).extracting(ReviewItem::itemId).as("a single record is no longer suspicious").doesNotContain(cluster.itemId());

        long activeRows = spark().read().format("delta").load(hub.tables.stewardDecisions()).where(col("undone_at").isNull()).count();
        TrainAction.Result trained = new TrainAction(spark(), hub.tables, "r3", MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, false).execute();
        assertThat(trained.labelledPairs()).as("active decisions are the training labels").isEqualTo(activeRows);
    }

    @Test
    void anIncrementalBuildKeepsUntouchedItemsAndEqualsAFullRebuild() throws Exception {
        ReviewHub hub = new ReviewHub(spark(), tempDir.resolve("incremental"));
        hub.night("r1", ReviewHub.CRM, ReviewHub.WEB);
        hub.build("r1");
        assertThat(runsMessage(hub, "r1")).as("no queue yet").contains("full: every item rebuilt");
        List<String> before = hub.queue().stream().map(ReviewItem::itemId).toList();
        assertThat(before).as("the demo hub has an uncertain pair").isNotEmpty();

        // Night 2: a web record changes, a CRM customer leaves, two arrive (one uncertain against the changed record).
        List<String> crm = new ArrayList<>(ReviewHub.CRM);
        crm.removeIf(line -> line.startsWith("C3;"));
        crm.add("C11;Hugo;Lambert;18/04/1997;;;;Paris");
        crm.add("C12;Emma;Leroy;;;;69002;Lyon");
        hub.night("r2", crm, ReviewHub.WEB.stream().map(line -> line.replace("\"Lambert\"", "\"LAMBERT\"")).toList());
        ReviewBuildAction.Result incremental = hub.build("r2");
        assertThat(runsMessage(hub, "r2")).contains("incremental");
        Map<String, String> builtBy = hub.queue().stream().collect(Collectors.toMap(ReviewItem::itemId, ReviewItem::runId));
        assertThat(builtBy).as("items of unchanged records are kept as built").containsAllEntriesOf(
                before.stream().collect(Collectors.toMap(id -> id, id -> "r1")));
        assertThat(builtBy).as("the new uncertain pair is queued").containsValue("r2");
        assertSameAsFullRebuild(hub, "r2", incremental);

        // A steward joins the new pair; the next run clusters them and its build marks the item decided.
        String answered = builtBy.entrySet().stream().filter(e -> e.getValue().equals("r2")).findFirst().orElseThrow().getKey();
        new ReviewDesk(spark(), hub.tables).decide(answered, ReviewDesk.Answer.SAME, null, "alice", "same customer on the phone");
        hub.matchAndCluster("r3");
        ReviewBuildAction.Result afterDecision = hub.build("r3");
        assertThat(runsMessage(hub, "r3")).contains("incremental");
        assertThat(ReviewQueue.item(spark(), hub.tables, answered).status()).isEqualTo(ReviewItems.DECIDED);
        assertThat(afterDecision.decided()).isEqualTo(1);
        assertSameAsFullRebuild(hub, "r3", afterDecision);
    }

    private void assertSameAsFullRebuild(ReviewHub hub, String runId, ReviewBuildAction.Result incremental) {
        List<Row> incrementalRows = queueRows(hub);
        ReviewBuildAction.Result full = new ReviewBuildAction(spark(), new ReviewBuildAction.Options(hub.tables, runId,
                ReviewItems.Suspicion.DEFAULT), true).execute();
        assertThat(runsMessage(hub, runId)).contains("full: every item rebuilt");
        assertThat(incremental).isEqualTo(full);
        assertThat(incrementalRows).containsExactlyInAnyOrderElementsOf(queueRows(hub));
    }

    /** The queue without run_id (the run that built each item): what an incremental and a full build must agree on. */
    private List<Row> queueRows(ReviewHub hub) {
        return ReviewQueue.read(spark(), hub.tables).drop("run_id").collectAsList();
    }

    private String runsMessage(ReviewHub hub, String runId) {
        return spark().read().format("delta").load(hub.tables.runs()).where(col("run_id").equalTo(runId).and(col("step").equalTo("review")))
                .first().getAs("message");
    }

    @Test
    void reviewSubcommandsHaveHelpAndTheNightlyRunTakesTheReviewOptions() {
        for (String sub : List.of("build", "list", "show", "decide", "undo")) {
            CliRun outcome = hub("review", sub, "--help");
            assertThat(outcome.exitCode()).as(sub).isZero();
            assertThat(outcome.out()).as(sub).contains("Usage: hub review " + sub);
        }
        assertThat(hub("nightly", "--help").out()).contains("--large-cluster-size", "review queue");
        CliRun noAnswer = hub("review", "decide", "p-000000000000", "--reason", "x");
        assertThat(noAnswer.exitCode()).as("one of --same, --different, --remove-record is required").isNotZero();
        assertThat(noAnswer.err()).contains("--same", "--different", "--remove-record");
    }

    private List<Row> decisionRows(ReviewHub hub, String itemId) {
        return spark().read().format("delta").load(hub.tables.stewardDecisions()).where(col("item_id").equalTo(itemId)).collectAsList();
    }

    private List<String> activeDecisionIds(ReviewHub hub, String itemId) {
        return spark().read().format("delta").load(hub.tables.stewardDecisions())
                .where(col("item_id").equalTo(itemId).and(col("undone_at").isNull())).select("decision_id").distinct()
                .collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private long runsCount(ReviewHub hub, String runId, String step, String key) {
        Row row = spark().read().format("delta").load(hub.tables.runs()).where(col("run_id").equalTo(runId).and(col("step").equalTo(step))).first();
        Map<String, Long> counts = row.getJavaMap(row.fieldIndex("counts"));
        return counts.get(key);
    }

    private static CliRun hub(String... args) {
        return CliRun.hub(args);
    }
}
