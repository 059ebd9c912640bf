package io.customerhub.matching.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsJsonTest {

    private static final String MINIMAL = """
            {
              "version": "v1",
              "probability_two_random_records_match": 0.001,
              "weight_bounds": {"min": -10, "max": 15},
              "tf_adjustment_bounds": {"min": -5, "max": 5},
              "thresholds": {"link": 0.99, "review": 0.5},
              "comparisons": [
                {"name": "email", "levels": [
                  {"label": "null", "predicate": "null", "field": "email"},
                  {"label": "exact", "predicate": "exact", "field": "email", "m": 0.7, "u": 0.0001},
                  {"label": "fuzzy", "predicate": "email_local_jaro_winkler", "field": "email", "min": 0.9, "m": %s, "u": 0.001},
                  {"label": "else", "predicate": "else", "m": 0.2, "u": 0.99}
                ]}
              ],
              "blocking_rules": [
                {"name": "email", "parts": [{"field": "email"}]}
              ]
            }
            """;

    @Test
    void shippedDefaultsEqualTheJavaBuilderAndAreValid() {
        assertThat(Settings.defaults()).isEqualTo(DefaultSettings.build());
        assertThat(Settings.defaults().problems()).isEmpty();
    }

    @Test
    void aComparisonsOwnMaxWeightIsReadAndMustBePositive() {
        String withMax = MINIMAL.formatted("0.05").replace("{\"name\": \"email\", \"levels\"", "{\"name\": \"email\", \"max_weight\": 20, \"levels\"");
        Settings s = Settings.fromJson(withMax);
        assertThat(s.comparison("email").maxWeight()).isEqualTo(20.0);
        assertThat(s.toJson()).contains("\"max_weight\" : 20");
        assertThatThrownBy(() -> Settings.fromJson(withMax.replace("\"max_weight\": 20", "\"max_weight\": -3")).validated())
                .isInstanceOf(SettingsException.class).hasMessageContaining("\"max_weight\" must be above 0 bits, found -3.0");
    }

    @Test
    void evidenceGroupsAreReadAndTheirComparisonsChecked() {
        String grouped = MINIMAL.formatted("0.05").replace("\"blocking_rules\"",
                "\"evidence_groups\": [{\"name\": \"household\", \"comparisons\": [\"email\"], \"max_weight\": 12}], \"blocking_rules\"");
        Settings s = Settings.fromJson(grouped);
        assertThat(s.evidenceGroups()).singleElement().satisfies(g -> {
            assertThat(g.comparisons()).containsExactly("email");
            assertThat(g.maxWeight()).isEqualTo(12.0);
        });
        assertThat(Settings.fromJson(s.toJson())).isEqualTo(s);
        assertThatThrownBy(() -> Settings.fromJson(grouped.replace("[\"email\"]", "[\"email\", \"phone\"]")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("evidence group 'household': unknown comparison 'phone'");
    }

    @Test
    void negativeEvidenceCapsAreReadAndTheirComparisonAndLevelChecked() {
        String capped = MINIMAL.formatted("0.05").replace("\"blocking_rules\"",
                "\"negative_evidence_caps\": [{\"name\": \"shared e-mail\", \"comparison\": \"email\", \"level\": \"exact\", \"max_weight\": 9}], \"blocking_rules\"");
        Settings s = Settings.fromJson(capped);
        assertThat(s.negativeEvidenceCaps()).singleElement().satisfies(c -> {
            assertThat(c.comparison()).isEqualTo("email");
            assertThat(c.level()).isEqualTo("exact");
            assertThat(c.maxWeight()).isEqualTo(9.0);
        });
        assertThat(Settings.fromJson(s.toJson())).isEqualTo(s);
        assertThatThrownBy(() -> Settings.fromJson(capped.replace("\"comparison\": \"email\"", "\"comparison\": \"phone\"")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("negative evidence cap 'shared e-mail': unknown comparison 'phone'");
        assertThatThrownBy(() -> Settings.fromJson(capped.replace("\"level\": \"exact\"", "\"level\": \"same\"")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("comparison 'email' has no level labelled 'same'; its levels: [null, exact, fuzzy, else]");
        assertThatThrownBy(() -> Settings.fromJson(capped.replace("\"max_weight\": 9", "\"max_weight\": 0")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("\"max_weight\" must be above 0 bits, found 0.0");
    }

    @Test
    void jsonRoundTripKeepsEverything(@TempDir Path dir) throws IOException {
        Settings defaults = Settings.defaults();
        Path file = dir.resolve("settings.json");
        defaults.save(file);
        Settings loaded = Settings.load(file);
        assertThat(loaded).isEqualTo(defaults);
        assertThat(loaded.toJson()).isEqualTo(defaults.toJson());
    }

    @Test
    void predicatesReadFlatWithTheirParameters() {
        Settings s = Settings.fromJson(MINIMAL.formatted("0.05"));
        LevelSpec fuzzy = s.comparison("email").levels().get(2);
        assertThat(fuzzy.predicate().name()).isEqualTo("email_local_jaro_winkler");
        assertThat(fuzzy.predicate().fields()).containsExactly("email");
        assertThat(fuzzy.predicate().params()).containsEntry("min", 0.9);
        assertThat(s.comparison("email").levels().get(0).isNull()).isTrue();
        assertThat(s.toJson()).contains("\"min\" : 0.9");
    }

    @Test
    void anImpossibleMIsReportedWithLocationCauseAndFix() {
        assertThatThrownBy(() -> Settings.fromJson(MINIMAL.formatted("0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("comparison 'email' level 2 'fuzzy': m must be in (0,1], found 0; set m to a probability or run `hub train`");
    }

    @Test
    void unknownPredicateIsRefusedWithTheKnownOnes() {
        String json = MINIMAL.formatted("0.05").replace("\"email_local_jaro_winkler\"", "\"soundex\"");
        assertThatThrownBy(() -> Settings.fromJson(json))
                .hasMessageContaining("comparison 'email' level 2 'fuzzy': unknown predicate 'soundex'; use one of [null, all_null, else, exact");
    }

    @Test
    void elseMustComeLastAndNullLevelsTakeNoMOrU() {
        String json = MINIMAL.formatted("0.05")
                .replace("{\"label\": \"null\", \"predicate\": \"null\", \"field\": \"email\"}",
                        "{\"label\": \"null\", \"predicate\": \"null\", \"field\": \"email\", \"m\": 0.1}")
                .replace("{\"label\": \"else\", \"predicate\": \"else\", \"m\": 0.2, \"u\": 0.99}",
                        "{\"label\": \"else\", \"predicate\": \"else\", \"m\": 0.2, \"u\": 0.99},"
                                + "{\"label\": \"late\", \"predicate\": \"exact\", \"field\": \"email\", \"m\": 0.2, \"u\": 0.99}");
        SettingsException e = org.junit.jupiter.api.Assertions.assertThrows(SettingsException.class, () -> Settings.fromJson(json));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("level 0 'null': a null level has weight 0 and takes no m or u"))
                .anySatisfy(p -> assertThat(p).contains("level 3 'else': \"else\" must be the last level"))
                .anySatisfy(p -> assertThat(p).contains("level 4 'late': the last level must be \"else\""));
    }

    @Test
    void structuralAndGlobalProblemsAreAllListed() {
        String json = MINIMAL.formatted("\"high\"")
                .replace("0.001,", "2,")
                .replace("\"review\": 0.5", "\"review\": 0.995")
                .replace("{\"field\": \"email\"}", "{\"field\": \"emial\", \"transform\": \"first\"}");
        assertThatThrownBy(() -> Settings.fromJson(json))
                .hasMessageContaining("\"m\" must be a number, found \"high\"; write it without quotes");
        String json2 = MINIMAL.formatted("0.05")
                .replace("0.001,", "2,")
                .replace("\"review\": 0.5", "\"review\": 0.995")
                .replace("{\"field\": \"email\"}", "{\"field\": \"emial\", \"transform\": \"first\"}");
        SettingsException e = org.junit.jupiter.api.Assertions.assertThrows(SettingsException.class, () -> Settings.fromJson(json2));
        assertThat(e.problems()).hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("\"probability_two_random_records_match\" must be in (0,1), found 2.0"))
                .anySatisfy(p -> assertThat(p).contains("0 < review <= link < 1"))
                .anySatisfy(p -> assertThat(p).contains("blocking rule 0 'email': part 0: unknown field 'emial'"))
                .anySatisfy(p -> assertThat(p).contains("transform 'first' needs \"n\" >= 1"));
    }

    @Test
    void invalidJsonSaysWhere() {
        assertThatThrownBy(() -> Settings.fromJson("{\"version\": ")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("not valid JSON at line 1");
        assertThatThrownBy(() -> Settings.fromJson("[]")).hasMessageContaining("must be a JSON object");
    }

    @Test
    void unknownLevelKeysAreRefused() {
        String json = MINIMAL.formatted("0.05").replace("\"label\": \"exact\",", "\"label\": \"exact\", \"tf\": \"yes\",");
        assertThatThrownBy(() -> Settings.fromJson(json)).hasMessageContaining("unknown key \"tf\"");
    }
}
