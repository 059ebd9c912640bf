package io.customerhub.matching.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.matching.cluster.GoldenIdEvent.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoldenIdAssignerTest {

    @Test
    void newClustersGetNewIdsThatARerunReproduces() {
        var first = GoldenIdAssigner.assign(List.of(List.of("a", "b"), List.of("c")), Map.of(), Map.of(), "run-1");
        var again = GoldenIdAssigner.assign(List.of(List.of("c"), List.of("b", "a")), Map.of(), Map.of(), "run-1");
        assertThat(again.goldenIdByRecord()).isEqualTo(first.goldenIdByRecord());
        assertThat(first.goldenIdByRecord().get("a")).isEqualTo(first.goldenIdByRecord().get("b")).isNotEqualTo(first.goldenIdByRecord().get("c"));
        assertThat(first.events()).extracting(GoldenIdEvent::kind).containsOnly(Kind.CREATED);
    }

    @Test
    void anUnchangedClusterKeepsItsIdAndANewRecordJoinsIt() {
        var result = GoldenIdAssigner.assign(List.of(List.of("a", "b", "n")), Map.of("a", "G1", "b", "G1"), Map.of("G1", 1L), "run-2");
        assertThat(result.goldenIdByRecord()).containsEntry("n", "G1").containsEntry("a", "G1");
        assertThat(result.events()).isEmpty();
    }

    @Test
    void aMergeKeepsTheOldestIdAndRetiresTheOtherIntoIt() {
        var previous = Map.of("a", "GNEW", "b", "GNEW", "c", "GNEW", "d", "GOLD");
        var result = GoldenIdAssigner.assign(List.of(List.of("a", "b", "c", "d")), previous, Map.of("GOLD", 1L, "GNEW", 5L), "run-2");
        assertThat(result.goldenIdByRecord().values()).containsOnly("GOLD");
        assertThat(result.events()).containsExactly(new GoldenIdEvent("GNEW", Kind.MERGED_INTO, "GOLD"));
    }

    @Test
    void aSplitKeepsTheIdOnTheLargestPartAndTheRestSplitsFromIt() {
        var previous = Map.of("a", "G1", "b", "G1", "c", "G1");
        var result = GoldenIdAssigner.assign(List.of(List.of("a", "b"), List.of("c")), previous, Map.of("G1", 1L), "run-2");
        assertThat(result.goldenIdByRecord()).containsEntry("a", "G1").containsEntry("b", "G1");
        String splitId = result.goldenIdByRecord().get("c");
        assertThat(splitId).isNotEqualTo("G1");
        assertThat(result.events()).containsExactly(new GoldenIdEvent(splitId, Kind.SPLIT_FROM, "G1"));
    }

    @Test
    void anIdWhoseRecordsAllDisappearedIsRetired() {
        var result = GoldenIdAssigner.assign(List.of(List.of("a")), Map.of("a", "G1", "z", "G9"), Map.of("G1", 1L, "G9", 2L), "run-2");
        assertThat(result.events()).containsExactly(new GoldenIdEvent("G9", Kind.RETIRED, null));
    }

    @Test
    void aRecordBackAfterBeingRetiredGetsItsLastIdBackAndTheHistorySaysRevived() {
        var returning = new GoldenIdAssigner.Returning(Map.of("r", "G1"), Set.of());
        var result = GoldenIdAssigner.assign(List.of(List.of("r"), List.of("a")), Map.of("a", "G2"), returning,
                Map.of("G1", 1L, "G2", 2L), "run-3");
        assertThat(result.goldenIdByRecord()).containsEntry("r", "G1").containsEntry("a", "G2");
        assertThat(result.events()).containsExactly(new GoldenIdEvent("G1", Kind.REVIVED, null));
    }

    @Test
    void aLastIdThatOtherRecordsStillHoldIsNotRevived() {
        var returning = new GoldenIdAssigner.Returning(Map.of("r", "G1"), Set.of());
        var heldHere = GoldenIdAssigner.assign(List.of(List.of("a"), List.of("r")), Map.of("a", "G1"), returning, Map.of("G1", 1L), "run-3");
        assertThat(heldHere.goldenIdByRecord().get("a")).isEqualTo("G1");
        assertThat(heldHere.goldenIdByRecord().get("r")).isNotEqualTo("G1");
        assertThat(heldHere.events()).extracting(GoldenIdEvent::kind).containsExactly(Kind.CREATED);

        var heldOutsideTheScope = GoldenIdAssigner.assign(List.of(List.of("r")), Map.of(),
                new GoldenIdAssigner.Returning(Map.of("r", "G1"), Set.of("G1")), Map.of("G1", 1L), "run-3");
        assertThat(heldOutsideTheScope.goldenIdByRecord().get("r")).as("the same new id as a full rebuild gives")
                .isEqualTo(heldHere.goldenIdByRecord().get("r"));
    }

    @Test
    void aRecordReturningIntoALiveClusterTakesItsIdAndTwoReturningClustersShareNoId() {
        var joined = GoldenIdAssigner.assign(List.of(List.of("a", "r")), Map.of("a", "G2"),
                new GoldenIdAssigner.Returning(Map.of("r", "G1"), Set.of()), Map.of("G1", 1L, "G2", 2L), "run-3");
        assertThat(joined.goldenIdByRecord()).containsEntry("r", "G2");
        assertThat(joined.events()).isEmpty();

        var apart = GoldenIdAssigner.assign(List.of(List.of("r2"), List.of("r1", "r3")), Map.of(),
                new GoldenIdAssigner.Returning(Map.of("r1", "G1", "r2", "G1", "r3", "G1"), Set.of()), Map.of("G1", 1L), "run-3");
        assertThat(apart.goldenIdByRecord()).as("the cluster holding most of its records").containsEntry("r1", "G1").containsEntry("r3", "G1");
        assertThat(apart.goldenIdByRecord().get("r2")).isNotEqualTo("G1");
    }
}
