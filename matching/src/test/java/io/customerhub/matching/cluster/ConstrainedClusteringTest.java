package io.customerhub.matching.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConstrainedClusteringTest {

    private final ConstrainedClustering clustering = new ConstrainedClustering(4);

    @Test
    void linkedRecordsFormComponentsAndLoneRecordsStayAlone() {
        var result = clustering.cluster(List.of("a", "b", "c", "d"), Map.of(),
                List.of(new Link("a", "b", 0.99), new Link("b", "c", 0.98)), List.of(), List.of());
        assertThat(result.clusters()).containsExactly(List.of("a", "b", "c"), List.of("d"));
        assertThat(result.refused()).isEmpty();
    }

    @Test
    void aStewardCannotLinkKeepsTwoGroupsApartEvenThroughAChain() {
        var result = clustering.cluster(List.of("a", "b", "c"), Map.of(),
                List.of(new Link("a", "b", 0.99), new Link("b", "c", 0.95)), List.of(), List.of(new Link("a", "c", 0)));
        assertThat(result.clusters()).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(result.refused()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RefusedMerge.Reason.CANNOT_LINK));
    }

    @Test
    void conflictingStrongIdentifiersNeverShareACluster() {
        var ids = Map.of("a", List.of("branch_crm:C1"), "c", List.of("branch_crm:C2"), "d", List.of("branch_crm:C1"));
        var result = clustering.cluster(List.of("a", "b", "c", "d"), ids,
                List.of(new Link("a", "b", 0.99), new Link("b", "c", 0.97), new Link("c", "d", 0.5)), List.of(), List.of());
        assertThat(result.clusters()).containsExactly(List.of("a", "b"), List.of("c"), List.of("d"));
        assertThat(result.refused()).extracting(RefusedMerge::reason)
                .containsOnly(RefusedMerge.Reason.CONFLICTING_IDENTIFIERS);
    }

    @Test
    void aStewardMustLinkOverridesConflictingIdentifiersButNotACannotLink() {
        var ids = Map.of("a", List.of("crm:C1"), "b", List.of("crm:C2"));
        var merged = clustering.cluster(List.of("a", "b"), ids, List.of(), List.of(new Link("a", "b", 1.0)), List.of());
        assertThat(merged.clusters()).containsExactly(List.of("a", "b"));
        var contradicted = clustering.cluster(List.of("a", "b"), ids, List.of(), List.of(new Link("a", "b", 1.0)),
                List.of(new Link("a", "b", 0)));
        assertThat(contradicted.clusters()).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void aWeakChainCannotGrowAClusterBeyondTheSizeLimit() {
        List<Link> chain = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            chain.add(new Link("r" + i, "r" + (i + 1), 0.9 - i * 0.01));
        }
        var result = clustering.cluster(List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"), Map.of(), chain, List.of(), List.of());
        assertThat(result.clusters()).allSatisfy(c -> assertThat(c.size()).isLessThanOrEqualTo(4));
        assertThat(result.refused()).extracting(RefusedMerge::reason).contains(RefusedMerge.Reason.CLUSTER_TOO_LARGE);
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfLinks() {
        List<Link> links = new ArrayList<>(List.of(new Link("a", "b", 0.9), new Link("b", "c", 0.9), new Link("c", "d", 0.9),
                new Link("d", "e", 0.9), new Link("e", "f", 0.9)));
        var first = clustering.cluster(List.of("a", "b", "c", "d", "e", "f"), Map.of(), links, List.of(), List.of());
        Collections.shuffle(links, new Random(7));
        var second = clustering.cluster(List.of("f", "e", "d", "c", "b", "a"), Map.of(), links, List.of(), List.of());
        assertThat(second).isEqualTo(first);
    }
}
