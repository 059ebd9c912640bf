package io.customerhub.matching.compare;

import static io.customerhub.matching.compare.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.matching.record.StandardizedRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredicateLibraryTest {

    @Test
    void unknownPredicateIsRefusedWithTheKnownNames() {
        List<String> problems = PredicateLibrary.validate(PredicateSpec.of("levenshtein", "family_name"));
        assertThat(problems).singleElement().asString()
                .contains("unknown predicate 'levenshtein'").contains("jaro_winkler").contains("exact");
    }

    @Test
    void missingOrOutOfRangeParametersAreNamed() {
        assertThat(PredicateLibrary.validate(PredicateSpec.of("jaro_winkler", "family_name")))
                .singleElement().asString().contains("needs parameter \"min\"");
        assertThat(PredicateLibrary.validate(PredicateSpec.of("jaro_winkler", "family_name").with("min", 1.5)))
                .singleElement().asString().contains("must be in [0, 1], found 1.5");
        assertThat(PredicateLibrary.validate(PredicateSpec.of("exact", "family_name").with("min", 0.5)))
                .singleElement().asString().contains("has no parameter \"min\"");
        assertThat(PredicateLibrary.validate(PredicateSpec.of("exact", "surname")))
                .singleElement().asString().contains("unknown field 'surname'").contains("family_name");
        assertThat(PredicateLibrary.validate(PredicateSpec.of("date_exact", "email")))
                .singleElement().asString().contains("cannot read field 'email'");
    }

    @Test
    void compileRefusesInvalidSpecs() {
        assertThatThrownBy(() -> PredicateLibrary.compile(PredicateSpec.of("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown predicate 'nope'");
    }

    private static boolean holds(RecordPredicate p, StandardizedRecord a, StandardizedRecord b) {
        return p.test(PreparedRecord.of(a), PreparedRecord.of(b));
    }

    @Test
    void oneEditNeedsTheFieldOnBothSidesWithinOneTypingError() {
        RecordPredicate oneEdit = PredicateLibrary.compile(PredicateSpec.of("one_edit", "national_id"));
        StandardizedRecord a = person("ANNE", "DURAND", null).nationalId("2850275123456").build();
        assertThat(holds(oneEdit, a, person("ANNE", "DURAND", null).nationalId("2850725123456").build())).isTrue();
        assertThat(holds(oneEdit, a, person("ANNE", "DURAND", null).nationalId("2850275123457").build())).isTrue();
        assertThat(holds(oneEdit, a, person("ANNE", "DURAND", null).nationalId("2850275123499").build())).isFalse();
        assertThat(holds(oneEdit, a, person("ANNE", "DURAND", null).build())).isFalse();
    }

    @Test
    void typoAllowsFewErrorsAfterTheSameFirstLetter() {
        RecordPredicate typo = PredicateLibrary.compile(PredicateSpec.of("typo", "given_name").with("max", 2));
        RecordPredicate oneTypo = PredicateLibrary.compile(PredicateSpec.of("typo", "given_name").with("max", 1));
        StandardizedRecord oscar = person("OSACAR", "MOORE", null).build();
        assertThat(holds(typo, oscar, person("OSCRA", "MOORE", null).build())).as("two errors in six letters").isTrue();
        assertThat(holds(oneTypo, oscar, person("OSCRA", "MOORE", null).build())).as("over max").isFalse();
        assertThat(holds(typo, person("MASON", "MOORE", null).build(), person("JASON", "MOORE", null).build()))
                .as("rhyming names differ in the first letter").isFalse();
        assertThat(holds(typo, person("LIAM", "MOORE", null).build(), person("LILA", "MOORE", null).build()))
                .as("two errors in four letters: another name").isFalse();
        assertThat(holds(typo, person("LIAM", "MOORE", null).build(), person("LAIM", "MOORE", null).build())).isTrue();
        assertThat(holds(typo, oscar, person(null, "MOORE", null).build())).isFalse();
        assertThat(PredicateLibrary.validate(PredicateSpec.of("typo", "given_name").with("max", 4)))
                .singleElement().asString().contains("must be an integer in [1, 3]");
    }

    @Test
    void phonesAreCrossMatchedBetweenPhoneAndMobile() {
        RecordPredicate exactAny = PredicateLibrary.compile(PredicateSpec.of("exact_any", "phone", "mobile_phone"));
        RecordPredicate last8 = PredicateLibrary.compile(PredicateSpec.of("last_digits_any", "phone", "mobile_phone").with("n", 8));
        StandardizedRecord a = person("ANNE", "DURAND", null).phone("+33612345678").build();
        StandardizedRecord b = person("ANNE", "DURAND", null).mobile("+33612345678").build();
        StandardizedRecord c = person("ANNE", "DURAND", null).mobile("+32612345678").build();
        assertThat(holds(exactAny, a, b)).isTrue();
        assertThat(holds(exactAny, a, c)).isFalse();
        assertThat(holds(last8, a, c)).isTrue();
    }

    @Test
    void allOfNeedsEveryPart() {
        RecordPredicate p = PredicateLibrary.compile(PredicateSpec.allOf(
                PredicateSpec.of("jaro_winkler", "address_line").with("min", 0.9), PredicateSpec.of("exact", "postcode")));
        StandardizedRecord a = person("A", "B", null).address("12 RUE DE LA PAIX", "12", "75002", "PARIS").build();
        StandardizedRecord b = person("A", "B", null).address("12 RUE DE LA PAIXX", "12", "75002", "PARIS").build();
        StandardizedRecord c = person("A", "B", null).address("12 RUE DE LA PAIXX", "12", "75003", "PARIS").build();
        assertThat(holds(p, a, b)).isTrue();
        assertThat(holds(p, a, c)).isFalse();
        assertThat(PredicateLibrary.validate(new PredicateSpec("all_of", List.of(), Map.of(), List.of(PredicateSpec.of("else")))))
                .anySatisfy(s -> assertThat(s).contains("needs at least 2"));
    }

    @Test
    void identifiersShareOrConflictOnlyWithinANamespace() {
        assertThat(Identifiers.shared(List.of("crm:1", "web:9"), List.of("crm:1"))).isTrue();
        assertThat(Identifiers.shared(List.of("crm:1"), List.of("web:1"))).isFalse();
        assertThat(Identifiers.conflicting(List.of("crm:1"), List.of("crm:2"))).isTrue();
        assertThat(Identifiers.conflicting(List.of("crm:1"), List.of("web:2"))).isFalse();
        assertThat(Identifiers.conflicting(List.of("crm:1"), List.of("crm:2", "crm:1"))).as("one of b's crm ids agrees").isFalse();
    }
}
