package io.customerhub.matching.model;

import static io.customerhub.matching.compare.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.matching.compare.TestRecords;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.Settings;
import io.customerhub.matching.compare.PredicateLibrary;
import io.customerhub.matching.compare.PreparedRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The default settings: every level reachable, hard negatives kept apart, true duplicates linked. */
class DefaultModelTest {

    private static final Settings SETTINGS = Settings.defaults();
    private static final FellegiSunterModel MODEL = FellegiSunterModel.compile(SETTINGS);

    private static TestRecords jean() {
        return person("JEAN", "DUPONT", "1980-02-13").gender("M").email("jean.dupont@mail.fr").phone("+33142868200")
                .address("12 RUE DE LA PAIX", "12", "75002", "PARIS");
    }

    static Stream<Arguments> levelCases() {
        return Stream.of(
                Arguments.of("name", "null", jean().given(null).family(null), jean()),
                Arguments.of("name", "exact full name", jean(), jean()),
                Arguments.of("name", "given/family swapped", jean().given("DUPONT").family("JEAN"), jean()),
                Arguments.of("name", "married name (birth name = other's family name)",
                        person("MARIE", "MARTIN", null).birthName("DUPONT"), person("MARIE", "DUPONT", null)),
                Arguments.of("name", "both names jaro_winkler >= 0.95", jean().family("DUPONTT"), jean()),
                Arguments.of("name", "both names jaro_winkler >= 0.88", jean().family("DUPOND"), jean()),
                Arguments.of("name", "swapped with typos (jaro_winkler >= 0.88)", jean().given("DUPONTT").family("JEAN"), jean()),
                Arguments.of("name", "phonetic keys equal", person("PHILIPPE", "DUPONT", null), person("FILIP", "DUPONT", null)),
                Arguments.of("name", "family exact, given initials, nickname or shared token", jean().given("J P"), jean().given("JEAN PIERRE")),
                Arguments.of("name", "given compatible, family name part of a compound one", jean().family("MARTIN DUPONT"), jean()),
                Arguments.of("name", "family jaro_winkler >= 0.88, given missing on a side", jean().given(null).family("DUPOND"), jean()),
                Arguments.of("name", "given jaro_winkler >= 0.88, family missing on a side", jean().family(null), jean()),
                Arguments.of("name", "no name present on both sides", jean().family(null), jean().given(null)),
                Arguments.of("name", "given exact, family differs", jean().family("LEROY"), jean()),
                Arguments.of("name", "family exact, given name with typing errors", jean().given("OSACAR"), jean().given("OSCRA")),
                Arguments.of("name", "family exact, given names disagree", jean().given("LUCAS"), jean().given("HUGO")),
                Arguments.of("name", "else", person("ANNE", "DURAND", null), person("PAUL", "MARTIN", null)),
                Arguments.of("date_of_birth", "null", jean().dob(null), jean()),
                Arguments.of("date_of_birth", "exact", jean(), jean()),
                Arguments.of("date_of_birth", "day and month transposed", jean().dob("1980-03-02"), jean().dob("1980-02-03")),
                Arguments.of("date_of_birth", "partial date compatible", jean().dob("1980"), jean()),
                Arguments.of("date_of_birth", "one digit mistyped or two adjacent digits swapped", jean().dob("1908-02-13"), jean()),
                Arguments.of("date_of_birth", "same year and month", jean().dob("1980-02-20"), jean()),
                Arguments.of("date_of_birth", "year off by 1-2, same day and month", jean().dob("1978-02-13"), jean()),
                Arguments.of("date_of_birth", "within 31 days", jean().dob("1979-12-31"), jean().dob("1980-01-20")),
                Arguments.of("date_of_birth", "same year", jean().dob("1980-09-20"), jean()),
                Arguments.of("date_of_birth", "birth years 15 or more apart", jean().dob("1955-06-01"), jean()),
                Arguments.of("date_of_birth", "else", jean().dob("1971-06-01"), jean()),
                Arguments.of("email", "null", jean().email(null), jean()),
                Arguments.of("email", "exact", jean(), jean()),
                Arguments.of("email", "same local part", jean().email("jean.dupont@other.com"), jean()),
                Arguments.of("email", "local part jaro_winkler >= 0.9", jean().email("jean.dupond@mail.fr"), jean()),
                Arguments.of("email", "else", jean().email("zorro@mail.fr"), jean()),
                Arguments.of("phone", "null", jean().phone(null), jean()),
                Arguments.of("phone", "exact (phone or mobile)", jean().phone(null).mobile("+33142868200"), jean()),
                Arguments.of("phone", "last 8 digits equal", jean().phone("+32142868200"), jean()),
                Arguments.of("phone", "else", jean().phone("+33600000000"), jean()),
                Arguments.of("address", "null", jean().address(null, null, null, null), jean()),
                Arguments.of("address", "exact line and postcode", jean(), jean()),
                Arguments.of("address", "line jaro_winkler >= 0.9, same postcode",
                        jean().address("12 RUE DE LA PAIXE", "12", "75002", "PARIS"), jean()),
                Arguments.of("address", "same house number and postcode",
                        jean().address("12 AVENUE DE L OPERA", "12", "75002", "PARIS"), jean()),
                Arguments.of("address", "same street line, postcode differs or missing",
                        jean().address("12 RUE DE LA PAIX", "12", "69002", "LYON"), jean()),
                Arguments.of("address", "line jaro_winkler >= 0.9", jean().address("12 RUE DE LA PAIXE", "12", "69002", "LYON"), jean()),
                Arguments.of("address", "same postcode", jean().address("3 BOULEVARD HAUSSMANN", "3", "75002", "PARIS"), jean()),
                Arguments.of("address", "same city", jean().address("3 BOULEVARD HAUSSMANN", "3", "75009", "PARIS"), jean()),
                Arguments.of("address", "else", jean().address("1 PLACE BELLECOUR", "1", "69002", "LYON"), jean()),
                Arguments.of("gender", "null", jean().gender(null), jean()),
                Arguments.of("gender", "conflict", jean().gender("F"), jean()),
                Arguments.of("gender", "else", jean(), jean()),
                Arguments.of("customer_number", "null", jean(), jean().id("crm:1")),
                Arguments.of("customer_number", "shared identifier", jean().id("crm:1"), jean().id("crm:1")),
                Arguments.of("customer_number", "conflicting identifier (same namespace)", jean().id("crm:1"), jean().id("crm:2")),
                Arguments.of("customer_number", "else", jean().id("crm:1"), jean().id("web:2")),
                Arguments.of("national_id", "null", jean().nationalId("1800213123456"), jean()),
                Arguments.of("national_id", "exact", jean().nationalId("1800213123456"), jean().nationalId("1800213123456")),
                Arguments.of("national_id", "one typing error (substitution, insertion, deletion, adjacent swap)",
                        jean().nationalId("1800213123456"), jean().nationalId("1800231123456")),
                Arguments.of("national_id", "else", jean().nationalId("1800213123456"), jean().nationalId("1800213654321")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("levelCases")
    void pairReachesTheExpectedLevel(String comparison, String label, TestRecords a, TestRecords b) {
        assertThat(levelLabel(comparison, a.build(), b.build())).isEqualTo(label);
        assertThat(levelLabel(comparison, b.build(), a.build())).as("levels are symmetric").isEqualTo(label);
    }

    @Test
    void everyDefaultLevelIsCoveredByALevelCase() {
        Set<String> covered = new HashSet<>();
        levelCases().forEach(a -> covered.add(a.get()[0] + "/" + a.get()[1]));
        for (ComparisonSpec c : SETTINGS.comparisons()) {
            for (LevelSpec l : c.levels()) {
                assertThat(covered).contains(c.name() + "/" + l.label());
            }
        }
    }

    private static String levelLabel(String comparison, StandardizedRecord a, StandardizedRecord b) {
        int index = SETTINGS.comparisons().indexOf(SETTINGS.comparison(comparison));
        return SETTINGS.comparison(comparison).levels().get(MODEL.gamma(a, b)[index]).label();
    }

    // ---- hard negatives ----

    @Test
    void twinsWithDifferentGivenNamesDoNotLink() {
        StandardizedRecord lucas = person("LUCAS", "MOREAU", "2001-06-15").gender("M")
                .address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX").build();
        StandardizedRecord hugo = person("HUGO", "MOREAU", "2001-06-15").gender("M")
                .address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX").build();
        ScoredPair score = MODEL.score(lucas, hugo, TermFrequencies.NONE);
        assertThat(score.probability()).isLessThan(SETTINGS.thresholds().link());
        assertThat(MODEL.decide(lucas, hugo, TermFrequencies.NONE).decision()).isNotEqualTo(Decision.LINK);
        assertThat(score.comparisonWeights()[0]).as("given-name disagreement weighs strongly against").isLessThanOrEqualTo(-8);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @org.junit.jupiter.params.provider.CsvSource({"LEA,LEO", "LOUISE,LOUIS", "JEANNE,JEAN"})
    void twinsOfDifferentSexWithSimilarNamesDoNotLink(String sister, String brother) {
        StandardizedRecord her = person(sister, "MOREAU", "2001-06-15").gender("F")
                .address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX").build();
        StandardizedRecord him = person(brother, "MOREAU", "2001-06-15").gender("M")
                .address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX").build();
        MatchDecision decision = MODEL.decide(her, him, TermFrequencies.NONE);
        assertThat(decision.decision()).as(Waterfall.of(decision.score(), SETTINGS).render()).isNotEqualTo(Decision.LINK);
    }

    @Test
    void aNicknameWithTheSameFamilyNameBirthDateAndAddressLinks() {
        StandardizedRecord william = person("WILLIAM", "TAYLOR", "1975-03-09").address("4 HIGH STREET", "4", "OX1 4AB", "OXFORD").build();
        StandardizedRecord bill = person("BILL", "TAYLOR", "1975-03-09").address("4 HIGH STREET", "4", "OX1 4AB", "OXFORD").build();
        MatchDecision decision = MODEL.decide(william, bill, TermFrequencies.NONE);
        assertThat(decision.decision()).as(Waterfall.of(decision.score(), SETTINGS).render()).isEqualTo(Decision.LINK);
        assertThat(decision.score().comparisonWeights()[0]).as("a nickname is evidence for, not the relatives' guard").isPositive();
    }

    @Test
    void aListedNicknameAcrossSexesIsNoEvidence() {
        // The nickname list pairs GENEVIEVE with JEAN; in French they are a sister's and a brother's names.
        StandardizedRecord sister = person("GENEVIEVE", "MOREAU", "2001-06-15").gender("F").address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX").build();
        StandardizedRecord brother = person("JEAN", "MOREAU", "2001-06-15").gender("M").address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX").build();
        assertThat(levelLabel("name", sister, brother)).isEqualTo("family exact, given names disagree");
        assertThat(MODEL.decide(sister, brother, TermFrequencies.NONE).decision()).isNotEqualTo(Decision.LINK);
    }

    @Test
    void fatherAndSonWithTheSameNameAndAddressDoNotLink() {
        StandardizedRecord father = jean().dob("1955-04-02").email(null).phone(null).build();
        StandardizedRecord son = jean().dob("1981-09-30").email(null).phone(null).build();
        ScoredPair score = MODEL.score(father, son, TermFrequencies.NONE);
        assertThat(score.probability()).isLessThan(SETTINGS.thresholds().link());
        assertThat(score.comparisonWeights()[1]).as("date-of-birth disagreement weighs strongly against").isLessThanOrEqualTo(-8);
    }

    @Test
    void fatherAndSonStayApartEvenWithARareSurname() {
        TermFrequencies rare = (field, value) -> 1e-7;
        StandardizedRecord father = jean().family("QUILLEVERE").dob("1955-04-02").email(null).phone(null).build();
        StandardizedRecord son = jean().family("QUILLEVERE").dob("1981-09-30").email(null).phone(null).build();
        assertThat(MODEL.score(father, son, rare).probability()).isLessThan(SETTINGS.thresholds().link());
    }

    /** The defaults with every trainable agreement level at the upper weight bound, as training on a small, clean data set leaves them. */
    private static Settings agreementAtTheWeightBound() {
        return SETTINGS.withComparisons(SETTINGS.comparisons().stream().map(c -> c.withLevels(c.levels().stream()
                .map(l -> l.isNull() || l.fixed() || PredicateLibrary.ELSE.equals(l.predicate().name()) ? l : l.withMU(l.m(), l.m() / 1e6))
                .toList())).toList());
    }

    @Test
    void guardsStillSeparateRelativesWhenTrainingMadeAgreementWorthTheMaximum() {
        FellegiSunterModel strong = FellegiSunterModel.compile(agreementAtTheWeightBound());
        assertThat(strong.score(jean().build(), jean().build(), TermFrequencies.NONE).comparisonWeights()[1])
                .as("DOB agreement at the bound").isEqualTo(SETTINGS.weightBounds().max());
        StandardizedRecord lucas = person("LUCAS", "MOREAU", "2001-06-15").gender("M")
                .address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX").build();
        StandardizedRecord hugo = person("HUGO", "MOREAU", "2001-06-15").gender("M")
                .address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX").build();
        assertThat(strong.decide(lucas, hugo, TermFrequencies.NONE).decision()).as("twins").isNotEqualTo(Decision.LINK);
        StandardizedRecord father = jean().dob("1955-04-02").email(null).phone(null).build();
        StandardizedRecord son = jean().dob("1981-09-30").email(null).phone(null).build();
        assertThat(strong.decide(father, son, TermFrequencies.NONE).decision()).as("father and son").isNotEqualTo(Decision.LINK);
        StandardizedRecord sonWithTypo = jean().dob("1981-09-30").given("JAEN").email(null).phone(null).build();
        assertThat(strong.decide(father, sonWithTypo, TermFrequencies.NONE).decision()).as("father and son, typo").isNotEqualTo(Decision.LINK);
    }

    @Test
    void differentNationalIdsKeepTwinsApartAndAMistypedOneStillLinks() {
        TestRecords lucas = person("LUCAS", "MOREAU", "2001-06-15").gender("M").address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX");
        TestRecords typo = person("LUCAS", "MOREAU", "2001-06-15").gender("M").address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX");
        TestRecords twin = person("LUCAS", "MOREAU", "2001-06-15").gender("M").address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX");
        StandardizedRecord a = lucas.nationalId("1010633123456").build();
        double without = MODEL.score(lucas.nationalId(null).build(), twin.build(), TermFrequencies.NONE).matchWeight();
        assertThat(MODEL.score(a, twin.nationalId("1010633123999").build(), TermFrequencies.NONE).matchWeight())
                .as("two national ids that differ weigh against").isLessThan(without);
        MatchDecision mistyped = MODEL.decide(a, typo.nationalId("1010633123465").build(), TermFrequencies.NONE);
        assertThat(mistyped.decision()).as(Waterfall.of(mistyped.score(), SETTINGS).render()).isEqualTo(Decision.LINK);
    }

    @Test
    void aSharedNationalIdOutweighsAReplacedGivenName() {
        // A record whose given name was replaced (a nickname, a data-entry error), with a typo in the street, same national id.
        StandardizedRecord danielle = person("DANIELLE", "WEBB", "1972-08-03").address("14 KING STREET", "14", "2600", "CANBERRA")
                .nationalId("5643210").build();
        StandardizedRecord elki = person("ELKI", "WEBB", "1972-08-03").address("14 KING STREETT", "14", "2600", "CANBERRA")
                .nationalId("5643210").build();
        MatchDecision decision = MODEL.decide(danielle, elki, TermFrequencies.NONE);
        assertThat(decision.score().comparisonWeights()[SETTINGS.comparisons().indexOf(SETTINGS.comparison("national_id"))])
                .as("an identifier may weigh more than the settings' bound").isGreaterThan(SETTINGS.weightBounds().max());
        assertThat(decision.decision()).as(Waterfall.of(decision.score(), SETTINGS).render()).isEqualTo(Decision.LINK);
        StandardizedRecord twin = person("ELKI", "WEBB", "1972-08-03").address("14 KING STREET", "14", "2600", "CANBERRA")
                .nationalId("8812094").build();
        FellegiSunterModel strong = FellegiSunterModel.compile(agreementAtTheWeightBound());
        assertThat(strong.decide(danielle, twin, TermFrequencies.NONE).decision()).as("twin with her own id").isNotEqualTo(Decision.LINK);
    }

    @Test
    void aSharedNationalIdCapsTheEvidenceAgainstButStillNeedsMoreThanTheId() {
        // Given name and birth date both replaced (two guards, ~-38 bits), same family name, address and national id.
        TestRecords jenna = person("JENNA", "ALDERSON", "1978-09-26").address("223 EGGLESTON CRESCENT", "223", "5070", "GRANVILLE")
                .nationalId("4812337");
        StandardizedRecord replaced = jenna.given("JAKE").dob("1946-04-15").build();
        FellegiSunterModel strong = FellegiSunterModel.compile(agreementAtTheWeightBound());
        for (FellegiSunterModel model : List.of(MODEL, strong)) {
            MatchDecision decision = model.decide(jenna.given("JENNA").dob("1978-09-26").build(), replaced, TermFrequencies.NONE);
            ScoredPair score = decision.score();
            double against = java.util.Arrays.stream(score.comparisonWeights()).filter(w -> w < 0).sum();
            assertThat(against).as("evidence against capped").isCloseTo(-SETTINGS.negativeEvidenceCaps().get(0).maxWeight(),
                    org.assertj.core.api.Assertions.within(1e-9));
            assertThat(score.matchWeight()).as("the explanation still adds up").isCloseTo(
                    score.prior() + java.util.Arrays.stream(score.comparisonWeights()).sum(), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(model.matchWeight(jenna.given("JENNA").dob("1978-09-26").build(), replaced, TermFrequencies.NONE))
                    .as("hot path agrees with the explanation").isCloseTo(score.matchWeight(), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(decision.decision()).as(Waterfall.of(score, SETTINGS).render()).isEqualTo(Decision.LINK);
        }
        // The id alone: another person's id keyed on a stranger's record (nothing else agrees) does not link.
        StandardizedRecord stranger = person("PAUL", "MARTIN", "1946-04-15").address("5 RUE DU BAC", "5", "75007", "PARIS")
                .nationalId("4812337").build();
        for (FellegiSunterModel model : List.of(MODEL, strong)) {
            MatchDecision decision = model.decide(jenna.build(), stranger, TermFrequencies.NONE);
            assertThat(decision.decision()).as(Waterfall.of(decision.score(), SETTINGS).render()).isEqualTo(Decision.NO_LINK);
        }
        // Without the shared id the same pair is kept apart by the guards (a parent and child at one address).
        MatchDecision relatives = strong.decide(jenna.build(), jenna.given("JAKE").dob("1946-04-15").nationalId(null).build(),
                TermFrequencies.NONE);
        assertThat(relatives.decision()).as(Waterfall.of(relatives.score(), SETTINGS).render()).isEqualTo(Decision.NO_LINK);
    }

    @Test
    void twinsSharingTheHouseholdEmailPhoneAndAddressDoNotLink() {
        TestRecords household = person("LUCAS", "MOREAU", "2001-06-15").email("famille.moreau@mail.fr").phone("+33556000000")
                .address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX");
        StandardizedRecord lucas = household.build();
        StandardizedRecord hugo = household.given("HUGO").build();
        MatchDecision decision = MODEL.decide(lucas, hugo, TermFrequencies.NONE);
        assertThat(decision.decision()).as(Waterfall.of(decision.score(), SETTINGS).render()).isNotEqualTo(Decision.LINK);
        double[] w = decision.score().comparisonWeights();
        int email = SETTINGS.comparisons().indexOf(SETTINGS.comparison("email"));
        int phone = SETTINGS.comparisons().indexOf(SETTINGS.comparison("phone"));
        int address = SETTINGS.comparisons().indexOf(SETTINGS.comparison("address"));
        assertThat(w[email] + w[phone] + w[address]).as("household evidence capped").isCloseTo(SETTINGS.evidenceGroups().get(0).maxWeight(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(decision.score().matchWeight()).as("the explanation still adds up")
                .isCloseTo(decision.score().prior() + java.util.Arrays.stream(w).sum(), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aPersonSeenWithTheHouseholdContactsStillLinks() {
        TestRecords household = person("LUCAS", "MOREAU", "2001-06-15").email("famille.moreau@mail.fr").phone("+33556000000")
                .address("8 RUE VICTOR HUGO", "8", "33000", "BORDEAUX");
        MatchDecision decision = MODEL.decide(household.build(), household.family("MOREAUX").build(), TermFrequencies.NONE);
        assertThat(decision.decision()).as(Waterfall.of(decision.score(), SETTINGS).render()).isEqualTo(Decision.LINK);
    }

    // ---- true duplicates ----

    static Stream<Arguments> trueDuplicates() {
        return Stream.of(
                Arguments.of("same name and date of birth only", person("JEAN", "DUPONT", "1980-02-13"), person("JEAN", "DUPONT", "1980-02-13")),
                Arguments.of("typo in family name, moved house, same e-mail", jean().family("DUPOND").address("1 PLACE BELLECOUR", "1", "69002", "LYON"), jean()),
                Arguments.of("swapped names, same phone", jean().given("DUPONT").family("JEAN").email(null), jean().email(null)),
                Arguments.of("married, new e-mail, same mobile and DOB",
                        person("MARIE", "MARTIN", "1975-11-02").birthName("DUPONT").gender("F").mobile("+33611223344").email("marie.martin@mail.fr"),
                        person("MARIE", "DUPONT", "1975-11-02").gender("F").mobile("+33611223344").email("mdupont@old.fr")),
                Arguments.of("birth year only, same address", jean().dob("1980").email(null).phone(null), jean().email(null).phone(null)),
                Arguments.of("transposed date, initials, same address", jean().dob("1980-02-03").given("J").email(null).phone(null),
                        jean().dob("1980-03-02").email(null).phone(null)),
                Arguments.of("one mistyped DOB digit, same address", jean().dob("1980-02-18").email(null).phone(null), jean().email(null).phone(null)),
                Arguments.of("swapped names with a typo, same DOB and address", jean().given("DUPONTT").family("JEAN").email(null).phone(null),
                        jean().email(null).phone(null)),
                Arguments.of("nothing but e-mail and name", person("ANNE", "DURAND", null).email("anne.durand@mail.fr"),
                        person("ANNE", "DURAND", null).email("anne.durand@mail.fr")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trueDuplicates")
    void typicalTrueDuplicatesLink(String description, TestRecords a, TestRecords b) {
        MatchDecision decision = MODEL.decide(a.build(), b.build(), TermFrequencies.NONE);
        assertThat(decision.decision()).as(Waterfall.of(decision.score(), SETTINGS).render()).isEqualTo(Decision.LINK);
    }

    @Test
    void sameCommonNameAloneIsNotEnoughToLink() {
        StandardizedRecord a = person("JEAN", "MARTIN", null).build();
        StandardizedRecord b = person("JEAN", "MARTIN", null).build();
        assertThat(MODEL.decide(a, b, TermFrequencies.NONE).decision()).isNotEqualTo(Decision.LINK);
    }

    @Test
    void scoreAndAllocationFreeMatchWeightAgree() {
        TermFrequencies tf = (field, value) -> 0.002;
        for (Arguments args : levelCases().toList()) {
            StandardizedRecord a = ((TestRecords) args.get()[2]).build();
            StandardizedRecord b = ((TestRecords) args.get()[3]).build();
            assertThat(MODEL.matchWeight(a, b, tf)).isCloseTo(MODEL.score(a, b, tf).matchWeight(), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void compiledComparisonsPickTheFirstLevelWhosePredicateHolds() {
        for (Arguments args : levelCases().toList()) {
            StandardizedRecord a = ((TestRecords) args.get()[2]).build();
            StandardizedRecord b = ((TestRecords) args.get()[3]).build();
            int[] gamma = MODEL.gamma(a, b);
            for (int c = 0; c < gamma.length; c++) {
                List<LevelSpec> levels = SETTINGS.comparisons().get(c).levels();
                int expected = 0;
                while (!PredicateLibrary.compile(levels.get(expected).predicate()).test(PreparedRecord.of(a), PreparedRecord.of(b))) {
                    expected++;
                }
                assertThat(gamma[c]).as("%s for %s", SETTINGS.comparisons().get(c).name(), args.get()[1]).isEqualTo(expected);
            }
        }
    }

    @Test
    void probabilityFollowsTheMatchWeight() {
        assertThat(FellegiSunterModel.probability(0)).isEqualTo(0.5);
        assertThat(FellegiSunterModel.probability(Math.log(99) / Math.log(2))).isCloseTo(0.99, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(MODEL.prior()).isCloseTo(Math.log(1e-4 / (1 - 1e-4)) / Math.log(2), org.assertj.core.api.Assertions.within(1e-12));
    }
}
