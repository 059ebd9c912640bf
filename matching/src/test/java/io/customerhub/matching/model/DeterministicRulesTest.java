package io.customerhub.matching.model;

import static io.customerhub.matching.compare.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.Settings;
import org.junit.jupiter.api.Test;

class DeterministicRulesTest {

    private static final FellegiSunterModel MODEL = FellegiSunterModel.compile(Settings.defaults());

    @Test
    void sharedStrongIdentifierLinksEvenWhenFieldsDisagree() {
        StandardizedRecord a = person("JEAN", "DUPONT", "1980-02-13").id("branch_crm:C1").build();
        StandardizedRecord b = person("J", "DUPOND", null).id("branch_crm:C1").build();
        MatchDecision d = MODEL.decide(a, b, TermFrequencies.NONE);
        assertThat(d.decision()).isEqualTo(Decision.LINK);
        assertThat(d.deterministic()).isTrue();
        assertThat(d.reason()).isEqualTo(DeterministicRules.SHARED);
    }

    @Test
    void conflictingStrongIdentifiersNeverLinkEvenWhenEverythingElseAgrees() {
        StandardizedRecord a = person("JEAN", "DUPONT", "1980-02-13").email("j@d.fr").id("branch_crm:C1").build();
        StandardizedRecord b = person("JEAN", "DUPONT", "1980-02-13").email("j@d.fr").id("branch_crm:C2").build();
        MatchDecision d = MODEL.decide(a, b, TermFrequencies.NONE);
        assertThat(d.score().probability()).as("the model alone would link").isGreaterThan(0.99);
        assertThat(d.decision()).isEqualTo(Decision.NO_LINK);
        assertThat(d.reason()).isEqualTo(DeterministicRules.CONFLICT);
    }

    @Test
    void identifiersOfDifferentNamespacesDecideNothing() {
        StandardizedRecord a = person("JEAN", "DUPONT", null).id("branch_crm:C1").build();
        StandardizedRecord b = person("JEAN", "DUPONT", null).id("web_shop:C1").build();
        assertThat(DeterministicRules.check(a, b)).isEmpty();
        assertThat(MODEL.decide(a, b, TermFrequencies.NONE).deterministic()).isFalse();
    }

    @Test
    void sharedAndConflictingAtOnceGoesToAReviewer() {
        StandardizedRecord a = person("JEAN", "DUPONT", null).id("crm:C1").id("web:W1").build();
        StandardizedRecord b = person("JEAN", "DUPONT", null).id("crm:C1").id("web:W2").build();
        assertThat(MODEL.decide(a, b, TermFrequencies.NONE).decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void thresholdsSplitLinkReviewAndNoLink() {
        ScoredPair high = MODEL.score(new int[] {1, 1, 1, 0, 0, 0, 0, 0}, new double[8]);
        ScoredPair mid = MODEL.score(new int[] {1, 5, 0, 0, 0, 0, 0, 0}, new double[8]);
        ScoredPair low = MODEL.score(new int[] {10, 7, 0, 0, 0, 0, 0, 0}, new double[8]);
        assertThat(MODEL.decide(high).decision()).isEqualTo(Decision.LINK);
        assertThat(mid.probability()).isBetween(0.5, 0.99);
        assertThat(MODEL.decide(mid).decision()).isEqualTo(Decision.REVIEW);
        assertThat(MODEL.decide(low).decision()).isEqualTo(Decision.NO_LINK);
    }
}
