package io.customerhub.matching.blocking;

import io.customerhub.matching.record.StandardizedRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking rule as data: records that share a key are compared. The key joins the parts' values
 * with '|'; a record missing any part gets no key, so that rule does not block it.
 */
public record BlockingRule(String name, List<KeyPart> parts) {

    public BlockingRule {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public static BlockingRule of(String name, KeyPart... parts) {
        return new BlockingRule(name, List.of(parts));
    }

    /** True when a part reads a multi-valued field or several fields, so a record may have several keys. */
    public boolean isMultiValued() {
        return parts.stream().anyMatch(KeyPart::isMultiValued);
    }

    /**
     * The record's key for a single-valued rule, or null when a part is missing.
     *
     * @throws IllegalStateException for a multi-valued rule: use {@link #keysFor}
     */
    public String keyFor(StandardizedRecord record) {
        if (isMultiValued()) {
            throw new IllegalStateException("blocking rule '" + name + "' can give several keys per record; call keysFor");
        }
        List<String> keys = keysFor(record);
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** All keys of the record under this rule (empty when a part is missing); explode these in Spark. */
    public List<String> keysFor(StandardizedRecord record) {
        List<String> keys = List.of("");
        for (int i = 0; i < parts.size(); i++) {
            List<String> values = new ArrayList<>(2);
            parts.get(i).values(record, values);
            if (values.isEmpty()) {
                return List.of();
            }
            List<String> next = new ArrayList<>(keys.size() * values.size());
            for (String prefix : keys) {
                for (String v : values) {
                    next.add(i == 0 ? v : prefix + "|" + v);
                }
            }
            keys = next;
        }
        return parts.isEmpty() ? List.of() : keys;
    }

    /** True when the two records share a key under this rule. */
    public boolean blocks(StandardizedRecord a, StandardizedRecord b) {
        List<String> ka = keysFor(a);
        if (ka.isEmpty()) {
            return false;
        }
        for (String k : keysFor(b)) {
            if (ka.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** Problems with the rule; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("a blocking rule needs a \"name\"; name it after its key, e.g. \"family_phonetic_birth_year\"");
        }
        if (parts.isEmpty()) {
            problems.add("no key parts; add at least one to \"parts\"");
        }
        for (int i = 0; i < parts.size(); i++) {
            for (String p : parts.get(i).problems()) {
                problems.add("part " + i + ": " + p);
            }
        }
        return problems;
    }
}
