package io.customerhub.matching.survivorship;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Survivorship rules per attribute, as data. The defaults are built in; a JSON file overrides the
 * attributes it names and keeps the defaults for the others:
 * <pre>{"version": "my-rules-1", "attributes": {"family_name": ["most_recent", "source_trust"]}}</pre>
 * For list attributes the rules order the list (best first); every value is kept.
 */
public record SurvivorshipSettings(String version, Map<Attribute, List<Rule>> rules) implements Serializable {

    public static final String DEFAULT_VERSION = "default-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public SurvivorshipSettings {
        EnumMap<Attribute, List<Rule>> copy = new EnumMap<>(Attribute.class);
        rules.forEach((a, r) -> copy.put(a, List.copyOf(r)));
        for (Attribute a : Attribute.values()) {
            if (!copy.containsKey(a)) {
                throw new IllegalArgumentException("no survivorship rules for " + a.columnName());
            }
        }
        rules = java.util.Collections.unmodifiableMap(copy);
    }

    public List<Rule> rulesFor(Attribute attribute) {
        return rules.get(attribute);
    }

    /**
     * Names and identifiers trust the source first (a branch checks papers), then recency; the date
     * of birth prefers the fullest date and the value most sources agree on; the address is the most
     * recently updated one; lists show the most recent value first.
     */
    public static SurvivorshipSettings defaults() {
        EnumMap<Attribute, List<Rule>> rules = new EnumMap<>(Attribute.class);
        List<Rule> trustThenRecent = List.of(Rule.SOURCE_TRUST, Rule.MOST_RECENT, Rule.MOST_COMPLETE);
        for (Attribute a : List.of(Attribute.TITLE, Attribute.GIVEN_NAME, Attribute.MIDDLE_NAME, Attribute.FAMILY_NAME,
                Attribute.BIRTH_NAME, Attribute.FULL_NAME)) {
            rules.put(a, trustThenRecent);
        }
        rules.put(Attribute.DATE_OF_BIRTH, List.of(Rule.MOST_COMPLETE, Rule.MOST_FREQUENT, Rule.SOURCE_TRUST));
        rules.put(Attribute.GENDER, List.of(Rule.MOST_FREQUENT, Rule.SOURCE_TRUST, Rule.MOST_RECENT));
        rules.put(Attribute.ADDRESS, List.of(Rule.MOST_RECENT, Rule.MOST_COMPLETE, Rule.SOURCE_TRUST));
        for (Attribute a : List.of(Attribute.EMAILS, Attribute.PHONES, Attribute.MOBILE_PHONES)) {
            rules.put(a, List.of(Rule.MOST_RECENT, Rule.SOURCE_TRUST, Rule.MOST_FREQUENT));
        }
        rules.put(Attribute.CUSTOMER_NUMBERS, List.of(Rule.SOURCE_TRUST, Rule.MOST_FREQUENT));
        return new SurvivorshipSettings(DEFAULT_VERSION, rules);
    }

    /** The defaults overridden by a settings JSON; every problem is reported at once. */
    public static SurvivorshipSettings fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SurvivorshipException(List.of("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + "; fix the syntax"));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new SurvivorshipException(List.of("survivorship settings must be a JSON object; start the file with '{'"));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("version") && !key.equals("attributes")) {
                problems.add("unknown key '" + key + "'; use \"version\" and \"attributes\"");
            }
        }
        EnumMap<Attribute, List<Rule>> rules = new EnumMap<>(defaults().rules());
        JsonNode attributes = root.path("attributes");
        if (!attributes.isMissingNode() && !attributes.isObject()) {
            problems.add("\"attributes\" must be an object of attribute -> [rules]");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Attribute attribute = Arrays.stream(Attribute.values()).filter(a -> a.columnName().equals(entry.getKey())).findFirst().orElse(null);
            if (attribute == null) {
                problems.add("attributes." + entry.getKey() + " is not an attribute; use one of "
                        + Arrays.stream(Attribute.values()).map(Attribute::columnName).toList());
                continue;
            }
            List<Rule> parsed = new ArrayList<>();
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                problems.add("attributes." + entry.getKey() + " must be a non-empty list of rules, e.g. [\"source_trust\", \"most_recent\"]");
                continue;
            }
            for (JsonNode name : entry.getValue()) {
                Rule rule = Rule.byJsonName(name.asText()).orElse(null);
                if (rule == null) {
                    problems.add("attributes." + entry.getKey() + ": '" + name.asText() + "' is not a rule; use one of "
                            + Arrays.stream(Rule.values()).map(Rule::jsonName).toList());
                } else if (parsed.contains(rule)) {
                    problems.add("attributes." + entry.getKey() + ": '" + name.asText() + "' is listed twice; keep one");
                } else {
                    parsed.add(rule);
                }
            }
            rules.put(attribute, parsed);
        }
        if (!problems.isEmpty()) {
            throw new SurvivorshipException(problems);
        }
        String version = root.path("version").asText("");
        return new SurvivorshipSettings(version.isBlank() ? "custom" : version, rules);
    }
}
