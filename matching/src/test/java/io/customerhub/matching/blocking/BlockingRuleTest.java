package io.customerhub.matching.blocking;

import static io.customerhub.matching.compare.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockingRuleTest {

    private static final List<BlockingRule> DEFAULT_RULES = Settings.defaults().blockingRules();

    private final StandardizedRecord jean = person("JEAN", "DUPONT", "1980-02-13").email("jean.dupont@mail.fr")
            .phone("+33142868200").mobile("+33612345678").address("12 RUE DE LA PAIX", "12", "75002", "PARIS")
            .id("crm:C1").id("web:W9").build();

    @Test
    void keysFollowTheirParts() {
        assertThat(BlockingRule.of("r", KeyPart.value("family_name_phonetic"), KeyPart.year("date_of_birth")).keyFor(jean))
                .isEqualTo(jean.familyNamePhonetic() + "|1980");
        assertThat(BlockingRule.of("r", KeyPart.value("postcode"), KeyPart.first("family_name", 3)).keyFor(jean)).isEqualTo("75002|DUP");
        assertThat(BlockingRule.of("r", KeyPart.last("phone", 8)).keyFor(jean)).isEqualTo("42868200");
        assertThat(BlockingRule.of("r", KeyPart.emailLocal("email")).keyFor(jean)).isEqualTo("jean.dupont");
        assertThat(BlockingRule.of("r", KeyPart.first("family_name", 1), KeyPart.value("date_of_birth")).keyFor(jean)).isEqualTo("D|1980-02-13");
    }

    @Test
    void initialsAreNoMailboxKey() {
        BlockingRule mailbox = BlockingRule.of("r", KeyPart.emailLocal("email"));
        assertThat(mailbox.keyFor(person("FREYA", "SHAH", null).email("f.s@flynn.com").build())).as("initials, shared by many").isNull();
        assertThat(mailbox.keyFor(person("ALFIE", "ROBERTS", null).email("ar20@miller-torres.org").build())).isEqualTo("ar20");
    }

    @Test
    void aSortedPartGivesOneKeyThatSurvivesASwap() {
        BlockingRule names = BlockingRule.of("r", KeyPart.sorted("given_name", "family_name"));
        assertThat(names.keyFor(person("JEAN", "DUPONT", null).build())).isEqualTo("DUPONT+JEAN");
        assertThat(names.blocks(person("JEAN", "DUPONT", null).build(), person("DUPONT", "JEAN", null).build())).isTrue();
        assertThat(names.keyFor(person("JEAN", null, null).build())).as("a missing field: no key").isNull();
        assertThat(BlockingRule.of("r", KeyPart.sorted("given_name", "customer_number")).problems())
                .singleElement().asString().contains("transform 'sorted' combines single values");
    }

    @Test
    void aMissingPartMeansNoKey() {
        StandardizedRecord noDob = person("JEAN", "DUPONT", null).build();
        assertThat(BlockingRule.of("r", KeyPart.value("family_name"), KeyPart.year("date_of_birth")).keyFor(noDob)).isNull();
        assertThat(BlockingRule.of("r", KeyPart.value("customer_number")).keysFor(noDob)).isEmpty();
    }

    @Test
    void multiValuedRulesGiveOneKeyPerValue() {
        assertThat(BlockingRule.of("ids", KeyPart.value("customer_number")).keysFor(jean)).containsExactly("crm:C1", "web:W9");
        BlockingRule phones = BlockingRule.of("phone", KeyPart.anyOf("value", 0, "phone", "mobile_phone"));
        assertThat(phones.keysFor(jean)).containsExactly("+33142868200", "+33612345678");
        assertThatThrownBy(() -> phones.keyFor(jean)).isInstanceOf(IllegalStateException.class).hasMessageContaining("keysFor");
    }

    @Test
    void eachPairCountsForTheFirstRuleThatProducesIt() {
        StandardizedRecord sameEmail = person("J", "DUPONT", "1980-02-13").email("jean.dupont@mail.fr").build();
        int first = BlockingRules.firstRuleIndex(DEFAULT_RULES, jean, sameEmail);
        assertThat(DEFAULT_RULES.get(first).name()).isEqualTo("email");
        int familyRule = indexOf("family_phonetic_birth_year");
        assertThat(DEFAULT_RULES.get(familyRule).blocks(jean, sameEmail)).isTrue();
        assertThat(BlockingRules.producedByEarlierRule(DEFAULT_RULES, familyRule, jean, sameEmail)).isTrue();
        assertThat(BlockingRules.producedByEarlierRule(DEFAULT_RULES, first, jean, sameEmail)).isFalse();
        StandardizedRecord stranger = person("ANNE", "MARTIN", "1990-01-01").build();
        assertThat(BlockingRules.firstRuleIndex(DEFAULT_RULES, jean, stranger)).isEqualTo(-1);
    }

    @Test
    void defaultRulesCatchTypicalDuplicatesWithTypos() {
        List<StandardizedRecord> duplicates = List.of(
                person("JEAN", "DUPOND", "1980-02-13").build(),                       // typo in family name, same DOB
                person("JEAN", "DUPONT", "1981-02-13").build(),                       // typo in year
                person("JAN", "DUPONT", "1980").build(),                              // given typo, birth year only
                person("JEAN", "DUPONTE", null).address(null, null, "75002", null).build(), // no DOB, same postcode
                person("J", "DUPONT", null).mobile("+33612345678").build(),           // only the phone
                person("MARIE", "X", null).id("web:W9").build());                      // only a shared id
        for (StandardizedRecord d : duplicates) {
            assertThat(BlockingRules.firstRuleIndex(DEFAULT_RULES, jean, d)).as(d.toString()).isNotNegative();
        }
    }

    @Test
    void invalidRulesAreDescribed() {
        assertThat(new BlockingRule("", List.of()).problems()).hasSize(2);
        assertThat(BlockingRule.of("r", new KeyPart(List.of("family_name"), "soundex", 0)).problems())
                .singleElement().asString().contains("unknown transform 'soundex'").contains("email_local");
    }

    private static int indexOf(String name) {
        for (int i = 0; i < DEFAULT_RULES.size(); i++) {
            if (DEFAULT_RULES.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }
}
