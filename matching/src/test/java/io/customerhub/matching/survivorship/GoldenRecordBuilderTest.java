package io.customerhub.matching.survivorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldenRecordBuilderTest {

    private static final Instant OLD = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2025-06-01T00:00:00Z");
    private static final SourceTrust TRUST = new SourceTrust(Map.of(
            "branch", Map.of("*", 0.9), "web", Map.of("*", 0.4, "email", 0.95)));

    @Test
    void sourceTrustPicksTheMostTrustedSourceEvenWhenOlder() {
        GoldenRecord g = build(defaults(), record("branch", "B1", OLD, "family_name", "Dupont"), record("web", "W1", NEW, "family_name", "Dupond"));

        assertThat(g.value(Attribute.FAMILY_NAME)).isEqualTo(new Survived<>("Dupont", "branch", "B1", OLD));
    }

    @Test
    void mostRecentPicksTheLatestUpdatedRecordAndUndatedRecordsRankOldest() {
        SurvivorshipSettings recent = with(Attribute.FAMILY_NAME, Rule.MOST_RECENT);
        GoldenRecord g = build(recent, record("branch", "B1", OLD, "family_name", "Dupont"), record("web", "W1", NEW, "family_name", "Martin"),
                record("call", "C1", null, "family_name", "Durand"));

        assertThat(g.value(Attribute.FAMILY_NAME).value()).isEqualTo("Martin");
        assertThat(g.value(Attribute.FAMILY_NAME).sourceId()).isEqualTo("W1");
    }

    @Test
    void mostFrequentComparesStandardisedFormsAndPublishesAHolder() {
        SurvivorshipSettings frequent = with(Attribute.GIVEN_NAME, Rule.MOST_FREQUENT);
        GoldenRecord g = build(frequent,
                record("branch", "B1", NEW, "given_name", "Jeanne", "std_given_name", "jeanne"),
                record("web", "W1", OLD, "given_name", "MARIE", "std_given_name", "marie"),
                record("web", "W2", OLD, "given_name", "Marie", "std_given_name", "marie"));

        assertThat(g.value(Attribute.GIVEN_NAME).value()).isIn("MARIE", "Marie");
        assertThat(g.value(Attribute.GIVEN_NAME).sourceSystem()).isEqualTo("web");
    }

    @Test
    void mostCompleteDateOfBirthBeatsAYearOnly() {
        GoldenRecord g = build(defaults(), record("branch", "B1", NEW, "std_date_of_birth", "1980"),
                record("web", "W1", OLD, "std_date_of_birth", "1980-02-13"));

        assertThat(g.value(Attribute.DATE_OF_BIRTH).value()).isEqualTo("1980-02-13");
    }

    @Test
    void aBlankNeverWinsOverAValue() {
        GoldenRecord g = build(defaults(), record("branch", "B1", NEW, "birth_name", "  "), record("web", "W1", OLD, "birth_name", "Leroy"));

        assertThat(g.value(Attribute.BIRTH_NAME).value()).isEqualTo("Leroy");
        assertThat(g.value(Attribute.MIDDLE_NAME)).as("no record holds one").isNull();
    }

    @Test
    void anAddressSurvivesWholeFromOneRecord() {
        GoldenRecord g = build(defaults(),
                record("branch", "B1", OLD, "address_line1", "12 rue de la Paix", "postcode", "75002", "city", "Paris"),
                record("web", "W1", NEW, "city", "Lyon"));

        assertThat(g.address().value()).isEqualTo(new AddressValue(null, null, null, null, "Lyon", null));
        SurvivorshipSettings complete = with(Attribute.ADDRESS, Rule.MOST_COMPLETE);
        assertThat(build(complete, record("branch", "B1", OLD, "address_line1", "12 rue de la Paix", "postcode", "75002", "city", "Paris"),
                record("web", "W1", NEW, "city", "Lyon")).address().value().line1()).isEqualTo("12 rue de la Paix");
    }

    @Test
    void listsKeepEveryDistinctValueWithItsSourcesMostRecentFirst() {
        GoldenRecord g = build(defaults(), record("branch", "B1", OLD, "std_email", "a@x.fr"), record("web", "W1", NEW, "std_email", "b@x.fr"),
                record("web", "W2", OLD, "std_email", "a@x.fr"));

        assertThat(g.list(Attribute.EMAILS)).containsExactly(
                new ListEntry("b@x.fr", List.of("web/W1"), NEW),
                new ListEntry("a@x.fr", List.of("branch/B1", "web/W2"), OLD));
    }

    @Test
    void theMostRecentExplicitConsentWinsAcrossChannelsAndABlankIsNoChoice() {
        SourceRecord webOptIn = new SourceRecord("web", "W1", Map.of("consent_email", "true"), List.of(), NEW, OLD);
        SourceRecord branchOptOut = new SourceRecord("branch", "B1", Map.of("consent_email", "false", "consent_post", "true"), List.of(),
                OLD, NEW);
        SourceRecord appSilent = new SourceRecord("app", "A1", Map.of(), List.of(), Instant.parse("2026-01-01T00:00:00Z"), null);

        GoldenRecord g = new GoldenRecordBuilder(defaults(), TRUST).build(List.of(webOptIn, branchOptOut, appSilent));

        assertThat(g.consent(Purpose.EMAIL)).isEqualTo(new ConsentChoice(false, "branch", "B1", NEW));
        assertThat(g.consent(Purpose.POST).granted()).isTrue();
        assertThat(g.consent(Purpose.SMS)).isNull();
    }

    @Test
    void atTheSameInstantAnOptOutWins() {
        assertThat(ConsentChoice.resolve(List.of(new ConsentChoice(true, "a", "1", NEW), new ConsentChoice(false, "b", "2", NEW))))
                .hasValueSatisfying(c -> assertThat(c.granted()).isFalse());
    }

    @Test
    void theResultDoesNotDependOnRecordOrder() {
        SourceRecord a = record("branch", "B1", OLD, "family_name", "Dupont", "std_email", "a@x.fr");
        SourceRecord b = record("web", "W1", OLD, "family_name", "Dupond", "std_email", "b@x.fr");

        assertThat(build(defaults(), a, b)).isEqualTo(build(defaults(), b, a));
    }

    @Test
    void settingsJsonOverridesNamedAttributesAndReportsEveryProblem() {
        SurvivorshipSettings s = SurvivorshipSettings.fromJson("{\"version\": \"v2\", \"attributes\": {\"family_name\": [\"most_recent\"]}}");
        assertThat(s.version()).isEqualTo("v2");
        assertThat(s.rulesFor(Attribute.FAMILY_NAME)).containsExactly(Rule.MOST_RECENT);
        assertThat(s.rulesFor(Attribute.GIVEN_NAME)).isEqualTo(defaults().rulesFor(Attribute.GIVEN_NAME));

        assertThatThrownBy(() -> SurvivorshipSettings.fromJson("{\"attributes\": {\"nickname\": [\"most_recent\"], \"gender\": [\"newest\"]}}"))
                .isInstanceOf(SurvivorshipException.class)
                .hasMessageContaining("nickname is not an attribute")
                .hasMessageContaining("'newest' is not a rule");
    }

    private static SurvivorshipSettings defaults() {
        return SurvivorshipSettings.defaults();
    }

    private static SurvivorshipSettings with(Attribute attribute, Rule... rules) {
        Map<Attribute, List<Rule>> map = new EnumMap<>(defaults().rules());
        map.put(attribute, List.of(rules));
        return new SurvivorshipSettings("test", map);
    }

    private static GoldenRecord build(SurvivorshipSettings settings, SourceRecord... records) {
        return new GoldenRecordBuilder(settings, TRUST).build(List.of(records));
    }

    private static SourceRecord record(String source, String id, Instant updatedAt, String... columnValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < columnValues.length; i += 2) {
            values.put(columnValues[i], columnValues[i + 1]);
        }
        return new SourceRecord(source, id, values, List.of(), updatedAt, null);
    }
}
