package io.customerhub.matching.compare;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named, parameterised predicates settings may use in comparison levels, and their compilation
 * into {@link RecordPredicate}s. Validation returns problems that name the cause and the fix; the
 * caller prefixes them with where the spec sits in the settings.
 */
public final class PredicateLibrary {

    /** Level predicates meaning "a side lacks the data": weight 0, no m/u. */
    public static final Set<String> NULL_PREDICATES = Set.of("null", "all_null");
    public static final String ELSE = "else";

    private record Param(String name, double min, double max, boolean integer) {
    }

    @FunctionalInterface
    private interface Compiler {
        RecordPredicate compile(RecordField[] fields, Map<String, Double> params, List<RecordPredicate> of);
    }

    private record Type(String name, String description, int minFields, int maxFields, Set<RecordField> allowed,
                        List<Param> params, Compiler compiler) {
    }

    private static final Set<RecordField> SINGLE_VALUED = EnumSet.complementOf(EnumSet.of(RecordField.CUSTOMER_NUMBER));
    private static final Set<RecordField> ANY = EnumSet.allOf(RecordField.class);
    private static final Set<RecordField> DATES = EnumSet.of(RecordField.DATE_OF_BIRTH);
    private static final Set<RecordField> EMAILS = EnumSet.of(RecordField.EMAIL);
    private static final Set<RecordField> NONE = EnumSet.noneOf(RecordField.class);
    private static final Param MIN_SIMILARITY = new Param("min", 0.0, 1.0, false);

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        add(new Type("null", "a listed field is missing on either side (weight 0)", 1, 8, ANY, List.of(),
                (f, p, o) -> (a, b) -> anyMissing(f, a) || anyMissing(f, b)));
        add(new Type("all_null", "one side has none of the listed fields (weight 0)", 1, 8, ANY, List.of(),
                (f, p, o) -> (a, b) -> allMissing(f, a) || allMissing(f, b)));
        add(new Type("else", "always true; must be the last level", 0, 0, NONE, List.of(), (f, p, o) -> (a, b) -> true));
        add(new Type("exact", "every listed field present on both sides and equal", 1, 8, SINGLE_VALUED, List.of(),
                (f, p, o) -> (a, b) -> allEqual(f, a, b)));
        add(new Type("different", "every listed field present on both sides and at least one differs (a conflict level)",
                1, 8, SINGLE_VALUED, List.of(), (f, p, o) -> (a, b) -> !anyMissing(f, a) && !anyMissing(f, b) && !allEqual(f, a, b)));
        add(new Type("exact_any", "some value among the listed fields of one side equals some value among those of the other (phone vs mobile)",
                1, 8, SINGLE_VALUED, List.of(), (f, p, o) -> (a, b) -> anyCrossMatch(f, a, b, 0)));
        add(new Type("last_digits_any", "like exact_any on the last n characters (numbers re-prefixed or with a wrong country code)",
                1, 8, SINGLE_VALUED, List.of(new Param("n", 1, 20, true)),
                (f, p, o) -> {
                    int n = p.get("n").intValue();
                    return (a, b) -> anyCrossMatch(f, a, b, n);
                }));
        add(new Type("jaro_winkler", "every listed field present on both sides with Jaro-Winkler similarity >= min",
                1, 8, SINGLE_VALUED, List.of(MIN_SIMILARITY),
                (f, p, o) -> {
                    double min = p.get("min");
                    return (a, b) -> allSimilar(f, a, b, min);
                }));
        add(new Type("one_edit", "every listed field present on both sides and at most one typing error apart "
                + "(a character substituted, inserted or deleted, or two adjacent characters swapped): identifiers, numbers",
                1, 8, SINGLE_VALUED, List.of(),
                (f, p, o) -> (a, b) -> allWithinOneEdit(f, a, b)));
        add(new Type("typo", "every listed field present on both sides, with the same first character and at most max typing errors "
                + "apart (optimal string alignment), and at most one per 3 characters of the longer value: names with typos "
                + "(typists rarely miss the first letter; rhyming names such as MASON / JASON differ there)",
                1, 8, SINGLE_VALUED, List.of(new Param("max", 1, 3, true)),
                (f, p, o) -> {
                    int max = p.get("max").intValue();
                    return (a, b) -> allTypos(f, a, b, max);
                }));
        add(new Type("name_swap", "given and family names swapped between the two sides", 0, 0, NONE, List.of(),
                (f, p, o) -> (a, b) -> a.same(RecordField.GIVEN_NAME, b, RecordField.FAMILY_NAME)
                        && NameRules.swapped(a.get(RecordField.GIVEN_NAME), a.get(RecordField.FAMILY_NAME), b.get(RecordField.GIVEN_NAME), b.get(RecordField.FAMILY_NAME))));
        add(new Type("name_swap_similar", "given and family names swapped, each Jaro-Winkler >= min to the other side's opposite name (a swap with a typo)",
                0, 0, NONE, List.of(MIN_SIMILARITY),
                (f, p, o) -> {
                    double min = p.get("min");
                    return (a, b) -> NameRules.swappedSimilar(a.get(RecordField.GIVEN_NAME), a.get(RecordField.FAMILY_NAME),
                            b.get(RecordField.GIVEN_NAME), b.get(RecordField.FAMILY_NAME), min);
                }));
        add(new Type("birth_name_match", "given names equal and one side's birth name is the other's family (or birth) name: a name change by marriage",
                0, 0, NONE, List.of(),
                (f, p, o) -> (a, b) -> a.same(RecordField.GIVEN_NAME, b)
                        && NameRules.birthNameMatches(a.get(RecordField.FAMILY_NAME), a.get(RecordField.BIRTH_NAME), b.get(RecordField.FAMILY_NAME), b.get(RecordField.BIRTH_NAME))));
        add(new Type("family_compound", "given names compatible (as given_compatible) and one family name a part of the other: "
                + "a double or hyphenated family name (GARCIA / MARTIN GARCIA, DUPONT / DUPONT MARTIN)",
                0, 0, NONE, List.of(),
                (f, p, o) -> (a, b) -> NameRules.familyCompound(a.get(RecordField.FAMILY_NAME), b.get(RecordField.FAMILY_NAME))
                        && NameRules.givenCompatible(a.get(RecordField.GIVEN_NAME), b.get(RecordField.GIVEN_NAME))));
        add(new Type("given_compatible", "family names equal and given names compatible: initials (J P / JEAN PIERRE), one's tokens inside the other's, "
                + "or a listed nickname (BILL / WILLIAM) where the genders do not differ",
                0, 0, NONE, List.of(),
                (f, p, o) -> (a, b) -> a.same(RecordField.FAMILY_NAME, b)
                        && (NameRules.givenCompatible(a.get(RecordField.GIVEN_NAME), b.get(RecordField.GIVEN_NAME))
                        // The list pairs some names across sexes (GENEVIEVE / JEAN): a nickname counts only where sexes agree or one is unknown.
                        || (NameRules.nicknames(a.get(RecordField.GIVEN_NAME), b.get(RecordField.GIVEN_NAME)) && !gendersDiffer(a, b)))));
        add(new Type("email_local_exact", "e-mail local parts (before @) equal", 1, 1, EMAILS, List.of(),
                (f, p, o) -> (a, b) -> emailLocalSimilarity(a.get(f[0]), b.get(f[0]), 1.0)));
        add(new Type("email_local_jaro_winkler", "e-mail local parts with Jaro-Winkler similarity >= min", 1, 1, EMAILS,
                List.of(MIN_SIMILARITY),
                (f, p, o) -> {
                    double min = p.get("min");
                    return (a, b) -> emailLocalSimilarity(a.get(f[0]), b.get(f[0]), min);
                }));
        add(new Type("date_exact", "both full dates, equal", 1, 1, DATES, List.of(),
                (f, p, o) -> new DatePredicate(f[0], DateParts::exact)));
        add(new Type("date_transposed", "both full dates, same year, day and month swapped", 1, 1, DATES, List.of(),
                (f, p, o) -> new DatePredicate(f[0], DateParts::transposed)));
        add(new Type("date_one_typo", "both full dates, yyyymmdd digits differing by one substituted digit or one swap of adjacent digits",
                1, 1, DATES, List.of(),
                (f, p, o) -> new DatePredicate(f[0], DateParts::oneTypo)));
        add(new Type("date_partial_compatible", "one side partial (\"1980\", \"1980-02\") and agreeing with the other on what both know",
                1, 1, DATES, List.of(),
                (f, p, o) -> new DatePredicate(f[0], DateParts::partialCompatible)));
        add(new Type("date_same_year_month", "same year and month", 1, 1, DATES, List.of(),
                (f, p, o) -> new DatePredicate(f[0], DateParts::sameYearMonth)));
        add(new Type("date_within_days", "both full dates, at most max days apart on the calendar (across a month or year end)",
                1, 1, DATES, List.of(new Param("max", 1, 366, true)),
                (f, p, o) -> {
                    int max = p.get("max").intValue();
                    return new DatePredicate(f[0], (x, y) -> DateParts.daysApart(x, y, max));
                }));
        add(new Type("date_same_year", "same year", 1, 1, DATES, List.of(),
                (f, p, o) -> new DatePredicate(f[0], DateParts::sameYear)));
        add(new Type("date_years_apart", "years 1..max apart with month and day equal where both known (a typo in the year)",
                1, 1, DATES, List.of(new Param("max", 1, 10, true)),
                (f, p, o) -> {
                    int max = p.get("max").intValue();
                    return new DatePredicate(f[0], (x, y) -> DateParts.yearsApart(x, y, max));
                }));
        add(new Type("date_years_apart_min", "birth years at least min apart (another generation: parent and child)",
                1, 1, DATES, List.of(new Param("min", 1, 150, true)),
                (f, p, o) -> {
                    int min = p.get("min").intValue();
                    return new DatePredicate(f[0], (x, y) -> x != DateParts.INVALID && y != DateParts.INVALID
                            && Math.abs(DateParts.year(x) - DateParts.year(y)) >= min);
                }));
        add(new Type("identifier_shared", "a customer number with the same namespace and value on both sides", 0, 0, NONE, List.of(),
                (f, p, o) -> (a, b) -> Identifiers.shared(a.customerNumbers(), b.customerNumbers())));
        add(new Type("identifier_conflict", "a namespace present on both sides with different values", 0, 0, NONE, List.of(),
                (f, p, o) -> (a, b) -> Identifiers.conflicting(a.customerNumbers(), b.customerNumbers())));
        add(new Type("missing", "a listed field is missing on at least one side (unlike \"null\", an ordinary level with m/u; combine it in all_of)",
                1, 8, ANY, List.of(), (f, p, o) -> (a, b) -> anyMissing(f, a) || anyMissing(f, b)));
        add(new Type("all_of", "every sub-predicate in \"of\" holds", 0, 0, NONE, List.of(),
                (f, p, o) -> {
                    RecordPredicate[] parts = o.toArray(new RecordPredicate[0]);
                    return (a, b) -> {
                        for (RecordPredicate part : parts) {
                            if (!part.test(a, b)) {
                                return false;
                            }
                        }
                        return true;
                    };
                }));
    }

    private PredicateLibrary() {
    }

    private static void add(Type type) {
        TYPES.put(type.name(), type);
    }

    /** Known predicate names, in documentation order. */
    public static List<String> names() {
        return List.copyOf(TYPES.keySet());
    }

    public static String describe(String name) {
        Type t = TYPES.get(name);
        return t == null ? null : t.description();
    }

    public static boolean isNullPredicate(String name) {
        return NULL_PREDICATES.contains(name);
    }

    /** Problems with the spec (empty when it compiles); each says what is wrong, what was found and the fix. */
    public static List<String> validate(PredicateSpec spec) {
        List<String> problems = new ArrayList<>();
        Type type = spec.name() == null ? null : TYPES.get(spec.name());
        if (type == null) {
            problems.add("unknown predicate '" + spec.name() + "'; use one of " + names());
            return problems;
        }
        if (spec.fields().size() < type.minFields() || spec.fields().size() > type.maxFields()) {
            problems.add("predicate '" + type.name() + "' takes " + (type.minFields() == type.maxFields()
                    ? type.minFields() : type.minFields() + " to " + type.maxFields())
                    + " field(s), found " + spec.fields().size() + " " + spec.fields()
                    + (type.maxFields() == 0 ? "; remove \"field\"/\"fields\"" : "; set \"field\" or \"fields\""));
        }
        for (String field : spec.fields()) {
            RecordField f = RecordField.byColumnName(field).orElse(null);
            if (f == null) {
                problems.add("unknown field '" + field + "'; use one of " + RecordField.columnNames());
            } else if (!type.allowed().contains(f)) {
                problems.add("predicate '" + type.name() + "' cannot read field '" + field + "'; it reads "
                        + type.allowed().stream().map(RecordField::columnName).toList());
            }
        }
        for (Param param : type.params()) {
            Double v = spec.params().get(param.name());
            if (v == null) {
                problems.add("predicate '" + type.name() + "' needs parameter \"" + param.name() + "\"; add it, in ["
                        + fmt(param.min()) + ", " + fmt(param.max()) + "]");
            } else if (v.isNaN() || v < param.min() || v > param.max() || (param.integer() && v != Math.rint(v))) {
                problems.add("parameter \"" + param.name() + "\" of predicate '" + type.name() + "' must be "
                        + (param.integer() ? "an integer " : "") + "in [" + fmt(param.min()) + ", " + fmt(param.max())
                        + "], found " + fmt(v) + "; change it");
            }
        }
        for (String given : spec.params().keySet()) {
            if (type.params().stream().noneMatch(p -> p.name().equals(given))) {
                problems.add("predicate '" + type.name() + "' has no parameter \"" + given + "\"; remove it"
                        + (type.params().isEmpty() ? "" : " (it takes " + type.params().stream().map(Param::name).toList() + ")"));
            }
        }
        if (type.name().equals("all_of")) {
            if (spec.of().size() < 2) {
                problems.add("predicate 'all_of' needs at least 2 predicates in \"of\", found " + spec.of().size());
            }
            for (int i = 0; i < spec.of().size(); i++) {
                PredicateSpec sub = spec.of().get(i);
                if (isNullPredicate(sub.name()) || ELSE.equals(sub.name())) {
                    problems.add("\"of\"[" + i + "]: '" + sub.name() + "' cannot be combined; use it as a level of its own");
                }
                for (String p : validate(sub)) {
                    problems.add("\"of\"[" + i + "]: " + p);
                }
            }
        } else if (!spec.of().isEmpty()) {
            problems.add("only 'all_of' takes \"of\"; remove it from '" + type.name() + "'");
        }
        return problems;
    }

    /** Compiles a valid spec; throws {@link IllegalArgumentException} listing the problems otherwise. */
    public static RecordPredicate compile(PredicateSpec spec) {
        List<String> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Type type = TYPES.get(spec.name());
        RecordField[] fields = spec.fields().stream()
                .map(n -> RecordField.byColumnName(n).orElseThrow())
                .toArray(RecordField[]::new);
        List<RecordPredicate> of = spec.of().stream().map(PredicateLibrary::compile).toList();
        return type.compiler().compile(fields, spec.params(), of);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    // ---- predicate bodies: no allocation ----

    private static boolean gendersDiffer(PreparedRecord a, PreparedRecord b) {
        String ga = a.get(RecordField.GENDER);
        String gb = b.get(RecordField.GENDER);
        return ga != null && gb != null && !ga.equals(gb);
    }

    private static boolean anyMissing(RecordField[] fields, PreparedRecord r) {
        for (RecordField f : fields) {
            if (r.get(f) == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean allMissing(RecordField[] fields, PreparedRecord r) {
        for (RecordField f : fields) {
            if (r.get(f) != null) {
                return false;
            }
        }
        return true;
    }

    private static boolean allEqual(RecordField[] fields, PreparedRecord a, PreparedRecord b) {
        for (RecordField f : fields) {
            if (!a.same(f, b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allSimilar(RecordField[] fields, PreparedRecord a, PreparedRecord b, double min) {
        for (RecordField f : fields) {
            String va = a.get(f);
            String vb = b.get(f);
            if (va == null || vb == null || JaroWinkler.upperBound(va.length(), vb.length()) < min
                    || (!va.equals(vb) && JaroWinkler.similarity(va, vb) < min)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allWithinOneEdit(RecordField[] fields, PreparedRecord a, PreparedRecord b) {
        for (RecordField f : fields) {
            String va = a.get(f);
            String vb = b.get(f);
            if (va == null || vb == null || !EditDistance.withinOneEdit(va, vb)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allTypos(RecordField[] fields, PreparedRecord a, PreparedRecord b, int max) {
        for (RecordField f : fields) {
            String va = a.get(f);
            String vb = b.get(f);
            if (va == null || vb == null || va.isEmpty() || vb.isEmpty() || va.charAt(0) != vb.charAt(0)) {
                return false;
            }
            int allowed = Math.min(max, Math.max(va.length(), vb.length()) / 3);
            if (EditDistance.boundedOsa(va, vb, allowed) > allowed) {
                return false;
            }
        }
        return true;
    }

    /** lastN == 0 compares whole values. */
    private static boolean anyCrossMatch(RecordField[] fields, PreparedRecord a, PreparedRecord b, int lastN) {
        for (RecordField fa : fields) {
            String va = a.get(fa);
            if (va == null) {
                continue;
            }
            for (RecordField fb : fields) {
                if (lastN == 0 ? a.same(fa, b, fb) : (b.get(fb) != null && sameTail(va, b.get(fb), lastN))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameTail(String a, String b, int n) {
        return a.length() >= n && b.length() >= n && a.regionMatches(a.length() - n, b, b.length() - n, n);
    }

    private static boolean emailLocalSimilarity(String a, String b, double min) {
        if (a == null || b == null) {
            return false;
        }
        int at = a.indexOf('@');
        int bt = b.indexOf('@');
        if (at <= 0 || bt <= 0) {
            return false;
        }
        if (at == bt && a.regionMatches(0, b, 0, at)) {
            return true;
        }
        return min < 1.0 && JaroWinkler.upperBound(at, bt) >= min
                && JaroWinkler.similarity(a, at, b, bt) >= min;
    }
}
