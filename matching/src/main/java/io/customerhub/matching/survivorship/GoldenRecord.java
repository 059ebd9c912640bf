package io.customerhub.matching.survivorship;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The surviving view of one cluster: a value with provenance per single-valued attribute (absent
 * when no record holds one), every value of each list attribute, and the consolidated consent per
 * purpose (absent when no channel recorded an explicit choice).
 */
public record GoldenRecord(Map<Attribute, Survived<String>> values, Survived<AddressValue> address, Map<Attribute, List<ListEntry>> lists,
                           Map<Purpose, ConsentChoice> consents, int recordCount, List<String> sourceSystems) {

    public GoldenRecord {
        values = values.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(values));
        lists = lists.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(lists));
        consents = consents.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(consents));
        sourceSystems = List.copyOf(sourceSystems);
    }

    public Survived<String> value(Attribute attribute) {
        return values.get(attribute);
    }

    public List<ListEntry> list(Attribute attribute) {
        return lists.getOrDefault(attribute, List.of());
    }

    public ConsentChoice consent(Purpose purpose) {
        return consents.get(purpose);
    }
}
