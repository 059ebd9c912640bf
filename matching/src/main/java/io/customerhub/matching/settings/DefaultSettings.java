package io.customerhub.matching.settings;

import static io.customerhub.matching.settings.ComparisonBuilder.exact;
import static io.customerhub.matching.settings.ComparisonBuilder.jaroWinkler;
import static io.customerhub.matching.settings.ComparisonBuilder.predicate;

import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.blocking.KeyPart;
import io.customerhub.matching.compare.PredicateSpec;
import java.util.List;

/**
 * The default settings, built in Java; default-settings.json is this, written out (a test keeps
 * them equal). m/u are priors chosen without labels, explained in MODEL.md. u is roughly the chance
 * two random people agree that way; m the chance two records of one person do.
 */
public final class DefaultSettings {

    public static final String VERSION = "default-5";

    private DefaultSettings() {
    }

    public static Settings build() {
        return new Settings(VERSION,
                "Default person-matching settings: hand-set priors that work without labels; run `hub train` to refine.",
                1e-4, new Bounds(-20, 15), new Bounds(-5, 5), new Thresholds(0.99, 0.5),
                List.of(name(), dateOfBirth(), email(), phone(), address(), gender(), customerNumber(), nationalId()),
                blockingRules(), null, List.of(household()), List.of(sharedNationalId()));
    }

    public static ComparisonSpec name() {
        return ComparisonBuilder.named("name")
                .description("given + family name, with swaps, typos, phonetics, initials, nicknames, married names and one name missing")
                .nullWhenAllMissing("given_name", "family_name")
                .tfLevel("exact full name", exact("given_name", "family_name"), 0.78, 1e-4, "family_name", 3e-4)
                .level("given/family swapped", predicate("name_swap"), 0.02, 2e-5)
                .level("married name (birth name = other's family name)", predicate("birth_name_match"), 0.03, 2e-5)
                .level("both names jaro_winkler >= 0.95", jaroWinkler(0.95, "given_name", "family_name"), 0.07, 5e-5)
                .level("both names jaro_winkler >= 0.88", jaroWinkler(0.88, "given_name", "family_name"), 0.03, 2e-4)
                .level("swapped with typos (jaro_winkler >= 0.88)", predicate("name_swap_similar").with("min", 0.88), 0.01, 2e-5)
                .level("phonetic keys equal", exact("given_name_phonetic", "family_name_phonetic"), 0.02, 3e-4)
                .level("family exact, given initials, nickname or shared token", predicate("given_compatible"), 0.02, 5e-4)
                // Spanish and Portuguese double family names, hyphenated married names: one side may carry only a part.
                .level("given compatible, family name part of a compound one", predicate("family_compound"), 0.02, 2e-5)
                // One name missing on a side: the other name is all there is; weaker than a full agreement.
                .level("family jaro_winkler >= 0.88, given missing on a side",
                        PredicateSpec.allOf(jaroWinkler(0.88, "family_name"), predicate("missing", "given_name")), 0.01, 5e-4)
                .level("given jaro_winkler >= 0.88, family missing on a side",
                        PredicateSpec.allOf(jaroWinkler(0.88, "given_name"), predicate("missing", "family_name")), 0.005, 5e-3)
                // One side has only a given name, the other only a family name: nothing to compare (m ~ u, ~0 bits).
                .level("no name present on both sides",
                        PredicateSpec.allOf(predicate("missing", "given_name"), predicate("missing", "family_name")), 0.02, 0.02)
                .level("given exact, family differs", exact("given_name"), 0.02, 0.01)
                // A typo in the given name is not a different given name: kept out of the relative guard below.
                .level("family exact, given name with typing errors",
                        PredicateSpec.allOf(exact("family_name"), predicate("typo", "given_name").with("max", 2)), 0.02, 5e-5)
                // Guard: same family, unrelated given name is the signature of a relative (twin, sibling).
                // Near-veto (-19 bits): it must outweigh agreeing DOB and address even after training made those ~15 bits each.
                .fixedLevel("family exact, given names disagree", exact("family_name"), 1e-8, 0.005)
                .elseLevel(0.01, 0.985)
                .build();
    }

    public static ComparisonSpec dateOfBirth() {
        return ComparisonBuilder.named("date_of_birth")
                .description("date of birth, full or partial (yyyy, yyyy-MM)")
                .nullWhenAnyMissing("date_of_birth")
                .level("exact", predicate("date_exact", "date_of_birth"), 0.88, 1e-4)
                .level("day and month transposed", predicate("date_transposed", "date_of_birth"), 0.01, 1e-5)
                .level("partial date compatible", predicate("date_partial_compatible", "date_of_birth"), 0.03, 0.012)
                .level("one digit mistyped or two adjacent digits swapped", predicate("date_one_typo", "date_of_birth"), 0.04, 2e-4)
                .level("same year and month", predicate("date_same_year_month", "date_of_birth"), 0.03, 0.0015)
                .level("year off by 1-2, same day and month", predicate("date_years_apart", "date_of_birth").with("max", 2), 0.015, 2e-4)
                .level("within 31 days", predicate("date_within_days", "date_of_birth").with("max", 31), 0.01, 1e-3)
                .level("same year", predicate("date_same_year", "date_of_birth"), 0.0335, 0.015)
                // Guard, near-veto (-19 bits): birth years a generation apart separate parent and child who share
                // names and address (together worth ~30 bits once trained). Training keeps it.
                .fixedLevel("birth years 15 or more apart", predicate("date_years_apart_min", "date_of_birth").with("min", 15), 1e-6, 0.6)
                .elseLevel(0.0015, 0.3713)
                .build();
    }

    public static ComparisonSpec email() {
        return ComparisonBuilder.named("email")
                .description("e-mail (already lower case, +tag and provider-insensitive dots removed)")
                .nullWhenAnyMissing("email")
                .level("exact", exact("email"), 0.7, 2e-5)
                .level("same local part", predicate("email_local_exact", "email"), 0.08, 1e-4)
                .level("local part jaro_winkler >= 0.9", predicate("email_local_jaro_winkler", "email").with("min", 0.9), 0.05, 5e-4)
                .elseLevel(0.17, 0.99938)
                .build();
    }

    public static ComparisonSpec phone() {
        return ComparisonBuilder.named("phone")
                .description("phone and mobile phone, cross-matched (E.164)")
                .nullWhenAllMissing("phone", "mobile_phone")
                .level("exact (phone or mobile)", predicate("exact_any", "phone", "mobile_phone"), 0.65, 5e-5)
                .level("last 8 digits equal", predicate("last_digits_any", "phone", "mobile_phone").with("n", 8), 0.03, 1e-4)
                .elseLevel(0.32, 0.99985)
                .build();
    }

    public static ComparisonSpec address() {
        return ComparisonBuilder.named("address")
                .description("street line, house number, postcode and city in one comparison: they are correlated, "
                        + "so separate comparisons would count one move several times")
                .nullWhenAllMissing("address_line", "postcode", "city")
                .level("exact line and postcode", exact("address_line", "postcode"), 0.55, 1e-4)
                .level("line jaro_winkler >= 0.9, same postcode",
                        PredicateSpec.allOf(exact("postcode"), jaroWinkler(0.9, "address_line")), 0.08, 1e-4)
                .level("same street line, postcode differs or missing", exact("address_line"), 0.04, 2e-4)
                .level("same house number and postcode", exact("house_number", "postcode"), 0.04, 1e-3)
                .level("line jaro_winkler >= 0.9", jaroWinkler(0.9, "address_line"), 0.03, 3e-4)
                .level("same postcode", exact("postcode"), 0.08, 0.003)
                .level("same city", exact("city"), 0.05, 0.02)
                .elseLevel(0.2, 0.9759)
                .build();
    }

    public static ComparisonSpec gender() {
        return ComparisonBuilder.named("gender")
                .description("a conflict level only: agreement says little, a conflict separates twins of different sex")
                .nullWhenAnyMissing("gender")
                // Guard, near-veto: opposite-sex twins share everything else (see MODEL.md).
                .fixedLevel("conflict", predicate("different", "gender"), 1e-6, 0.5)
                .elseLevel(0.999999, 0.5)
                .build();
    }

    public static ComparisonSpec customerNumber() {
        return ComparisonBuilder.named("customer_number")
                .description("strong identifiers \"namespace:value\"; the deterministic rules also act on them")
                .nullWhenAnyMissing("customer_number")
                .level("shared identifier", predicate("identifier_shared"), 0.3, 1e-7)
                .level("conflicting identifier (same namespace)", predicate("identifier_conflict"), 0.01, 0.3)
                .elseLevel(0.69, 0.7)
                .build();
    }

    /**
     * A national id held without a declared namespace: near-unique, so agreement is strong evidence,
     * but sources mistype it, so a typo is still a (weaker) agreement and a difference is not a veto.
     * A difference does speak against a match: it helps keep twins and parent/child apart.
     */
    public static ComparisonSpec nationalId() {
        return ComparisonBuilder.named("national_id")
                .description("national id without a declared namespace (declared ones are strong identifiers): exact, one typing error, else")
                .nullWhenAnyMissing("national_id")
                // Above the 15-bit bound of names, dates and addresses: a shared id must outweigh the given-name and
                // generation guards (-19 bits: a nickname, a mistyped birth date), while a differing id still weighs against.
                .maxWeight(22)
                .level("exact", exact("national_id"), 0.9, 1e-6)
                .level("one typing error (substitution, insertion, deletion, adjacent swap)", predicate("one_edit", "national_id"), 0.06, 5e-5)
                .elseLevel(0.04, 0.999949)
                .build();
    }

    /**
     * E-mail, phone and address are shared by households: twins, couples, parent and child. Summed as
     * independent evidence they outweigh the relative guards (three agreements ~40 bits); capped at 24
     * bits together, a household agreement still links a person whose name and birth date agree.
     */
    public static EvidenceGroup household() {
        return new EvidenceGroup("household", List.of("email", "phone", "address"), 24);
    }

    /**
     * Relatives share names, birth dates and addresses, but not a national id: the guards against them
     * (-19 bits each) must not outvote an exactly shared id. With one, the evidence against counts
     * 12 bits at most, so the pair still needs agreement beyond the id (address, a name, the date) to link.
     */
    public static NegativeEvidenceCap sharedNationalId() {
        return new NegativeEvidenceCap("shared national id", "national_id", "exact", 12);
    }

    /** High recall on person data with typos: every likely duplicate shares at least one key. */
    public static List<BlockingRule> blockingRules() {
        return List.of(
                BlockingRule.of("customer_number", KeyPart.value("customer_number")),
                BlockingRule.of("email", KeyPart.value("email")),
                BlockingRule.of("phone", KeyPart.anyOf("value", 0, "phone", "mobile_phone")),
                BlockingRule.of("national_id", KeyPart.value("national_id")),
                BlockingRule.of("family_phonetic_birth_year", KeyPart.value("family_name_phonetic"), KeyPart.year("date_of_birth")),
                BlockingRule.of("family_phonetic_birth_month_day", KeyPart.value("family_name_phonetic"), KeyPart.monthDay("date_of_birth")),
                // Either name's phonetic key: also brings together given/family swaps.
                BlockingRule.of("name_phonetic_dob", KeyPart.anyOf("value", 0, "given_name_phonetic", "family_name_phonetic"),
                        KeyPart.value("date_of_birth")),
                BlockingRule.of("postcode_family_first3", KeyPart.value("postcode"), KeyPart.first("family_name", 3)),
                BlockingRule.of("dob_family_initial", KeyPart.value("date_of_birth"), KeyPart.first("family_name", 1)),
                BlockingRule.of("dob_given_initial", KeyPart.value("date_of_birth"), KeyPart.first("given_name", 1)),
                // Both names' phonetic keys in sorted order: survives a swap of given and family name.
                BlockingRule.of("given_family_phonetic", KeyPart.sorted("given_name_phonetic", "family_name_phonetic")),
                BlockingRule.of("postcode_house_number", KeyPart.value("postcode"), KeyPart.value("house_number")),
                BlockingRule.of("name_phonetic_postcode", KeyPart.anyOf("value", 0, "given_name_phonetic", "family_name_phonetic"),
                        KeyPart.value("postcode")),
                // Town with a name or birth date (sources without a street address).
                BlockingRule.of("name_phonetic_city", KeyPart.anyOf("value", 0, "given_name_phonetic", "family_name_phonetic"),
                        KeyPart.value("city")),
                BlockingRule.of("dob_city", KeyPart.value("date_of_birth"), KeyPart.value("city")));
    }
}
