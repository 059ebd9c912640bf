package io.customerhub.matching.survivorship;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds a cluster's {@link GoldenRecord} from its current source records by the survivorship
 * settings and the sources' trust. Pure: the same records give the same golden record, whatever
 * their order.
 */
public final class GoldenRecordBuilder implements Serializable {

    /** Text attributes: the column published and the column compared for frequency (its standardised form). */
    private static final Map<Attribute, String[]> TEXT_COLUMNS = textColumns();
    private static final Map<Attribute, String> LIST_COLUMNS = Map.of(
            Attribute.EMAILS, "std_email", Attribute.PHONES, "std_phone", Attribute.MOBILE_PHONES, "std_mobile_phone");

    private final SurvivorshipSettings settings;
    private final SourceTrust trust;

    public GoldenRecordBuilder(SurvivorshipSettings settings, SourceTrust trust) {
        this.settings = settings;
        this.trust = trust;
    }

    public GoldenRecord build(List<SourceRecord> records) {
        Map<Attribute, Survived<String>> values = new EnumMap<>(Attribute.class);
        TEXT_COLUMNS.forEach((attribute, columns) -> {
            List<Candidate<String>> candidates = new ArrayList<>();
            for (SourceRecord r : records) {
                String shown = r.value(columns[0]);
                if (shown != null) {
                    String key = columns[1] == null ? null : r.value(columns[1]);
                    candidates.add(candidate(shown, key == null ? fold(shown) : key, Survivorship.completeness(shown), attribute, r));
                }
            }
            Survivorship.choose(candidates, settings.rulesFor(attribute)).ifPresent(c -> values.put(attribute, c.survived()));
        });
        Map<Attribute, List<ListEntry>> lists = new EnumMap<>(Attribute.class);
        LIST_COLUMNS.forEach((attribute, column) -> put(lists, attribute, records, r -> {
            String v = r.value(column);
            return v == null ? List.of() : List.of(v);
        }));
        put(lists, Attribute.CUSTOMER_NUMBERS, records, SourceRecord::customerNumbers);
        Map<Purpose, ConsentChoice> consents = new EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.values()) {
            consentOf(records, purpose).ifPresent(c -> consents.put(purpose, c));
        }
        List<String> sources = List.copyOf(new TreeSet<>(records.stream().map(SourceRecord::sourceSystem).toList()));
        return new GoldenRecord(values, address(records), lists, consents, records.size(), sources);
    }

    private Survived<AddressValue> address(List<SourceRecord> records) {
        List<Candidate<AddressValue>> candidates = new ArrayList<>();
        for (SourceRecord r : records) {
            AddressValue a = new AddressValue(r.value("address_line1"), r.value("address_line2"), r.value("house_number"),
                    r.value("postcode"), r.value("city"), r.value("country"));
            if (a.givenParts() > 0) {
                String key = String.join("|", std(r, "std_address_line", a.line1()), std(r, "std_house_number", a.houseNumber()),
                        std(r, "std_postcode", a.postcode()), std(r, "std_city", a.city()), std(r, "std_country", a.country()),
                        a.line2() == null ? "" : fold(a.line2()));
                candidates.add(candidate(a, key, a.givenParts(), Attribute.ADDRESS, r));
            }
        }
        return Survivorship.choose(candidates, settings.rulesFor(Attribute.ADDRESS)).map(Candidate::survived).orElse(null);
    }

    /** Every distinct value, best first by the attribute's rules; frequency = records holding it. */
    private void put(Map<Attribute, List<ListEntry>> lists, Attribute attribute, List<SourceRecord> records,
                     Function<SourceRecord, List<String>> valuesOf) {
        Map<String, List<SourceRecord>> holders = new LinkedHashMap<>();
        for (SourceRecord r : records) {
            for (String v : valuesOf.apply(r)) {
                if (v != null && !v.isBlank()) {
                    List<SourceRecord> list = holders.computeIfAbsent(v.trim(), k -> new ArrayList<>());
                    if (!list.contains(r)) {
                        list.add(r);
                    }
                }
            }
        }
        if (holders.isEmpty()) {
            return;
        }
        List<Candidate<String>> best = new ArrayList<>();
        Map<String, ListEntry> entries = new LinkedHashMap<>();
        holders.forEach((value, holding) -> {
            // The value ranks as its best holder: the most trusted source, the latest update.
            SourceRecord first = holding.stream().min(Comparator.comparing(SourceRecord::recordKey)).orElseThrow();
            double maxTrust = holding.stream().mapToDouble(r -> trust.of(r.sourceSystem(), attribute.trustField())).max().orElse(0);
            Instant latest = holding.stream().map(SourceRecord::updatedAt).filter(t -> t != null).max(Comparator.naturalOrder()).orElse(null);
            best.add(new Candidate<>(value, value, Survivorship.completeness(value), maxTrust, first.sourceSystem(), first.sourceId(), latest));
            entries.put(value, new ListEntry(value, holding.stream().map(SourceRecord::recordKey).sorted().toList(), latest));
        });
        best.sort(Survivorship.order(settings.rulesFor(attribute), c -> holders.get(c.value()).size()));
        lists.put(attribute, best.stream().map(c -> entries.get(c.value())).toList());
    }

    private static java.util.Optional<ConsentChoice> consentOf(List<SourceRecord> records, Purpose purpose) {
        List<ConsentChoice> choices = new ArrayList<>();
        for (SourceRecord r : records) {
            String v = r.value(purpose.columnName());
            if (v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
                Instant at = r.consentExpressedAt() != null ? r.consentExpressedAt() : r.updatedAt();
                choices.add(new ConsentChoice(Boolean.parseBoolean(v), r.sourceSystem(), r.sourceId(), at));
            }
        }
        return ConsentChoice.resolve(choices);
    }

    private <T> Candidate<T> candidate(T value, String key, int completeness, Attribute attribute, SourceRecord r) {
        return new Candidate<>(value, key, completeness, trust.of(r.sourceSystem(), attribute.trustField()), r.sourceSystem(), r.sourceId(),
                r.updatedAt());
    }

    private static String std(SourceRecord r, String stdColumn, String shown) {
        String std = r.value(stdColumn);
        return std != null ? std : shown == null ? "" : fold(shown);
    }

    private static String fold(String value) {
        return value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static Map<Attribute, String[]> textColumns() {
        Map<Attribute, String[]> columns = new EnumMap<>(Attribute.class);
        columns.put(Attribute.TITLE, new String[] {"title", null});
        columns.put(Attribute.GIVEN_NAME, new String[] {"given_name", "std_given_name"});
        columns.put(Attribute.MIDDLE_NAME, new String[] {"middle_name", null});
        columns.put(Attribute.FAMILY_NAME, new String[] {"family_name", "std_family_name"});
        columns.put(Attribute.BIRTH_NAME, new String[] {"birth_name", "std_birth_name"});
        columns.put(Attribute.FULL_NAME, new String[] {"full_name", null});
        // Published in their standardised form: an implausible date or an unknown gender code is not published.
        columns.put(Attribute.DATE_OF_BIRTH, new String[] {"std_date_of_birth", "std_date_of_birth"});
        columns.put(Attribute.GENDER, new String[] {"std_gender", "std_gender"});
        return columns;
    }
}
