package io.customerhub.matching.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.blocking.KeyPart;
import io.customerhub.matching.compare.PredicateSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings JSON, read and written by hand over Jackson's tree so that a predicate reads flat
 * ({@code {"predicate":"jaro_winkler","field":"family_name","min":0.92}}) and every structural
 * problem is reported with its location. See MODEL.md for the format.
 */
public final class SettingsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> LEVEL_KEYS = Set.of("label", "predicate", "field", "fields", "of", "m", "u", "tf_field", "tf_u", "fixed");
    private static final Set<String> PREDICATE_KEYS = Set.of("predicate", "field", "fields", "of");

    private SettingsJson() {
    }

    /** Parses without validating values (see {@link Settings#validated()}); structural problems throw. */
    public static Settings read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SettingsException(List.of("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + "; fix the syntax"));
        }
        if (root == null || !root.isObject()) {
            throw new SettingsException(List.of("settings must be a JSON object; start the file with '{'"));
        }
        List<String> problems = new ArrayList<>();
        List<ComparisonSpec> comparisons = new ArrayList<>();
        JsonNode cs = root.path("comparisons");
        for (int i = 0; i < cs.size(); i++) {
            comparisons.add(readComparison(cs.get(i), i, problems));
        }
        List<BlockingRule> rules = new ArrayList<>();
        JsonNode bs = root.path("blocking_rules");
        for (int i = 0; i < bs.size(); i++) {
            rules.add(readRule(bs.get(i), i, problems));
        }
        Settings s = new Settings(text(root, "version"), text(root, "description"),
                number(root, "probability_two_random_records_match", "settings", problems),
                bounds(root.get("weight_bounds"), "weight_bounds", problems),
                bounds(root.get("tf_adjustment_bounds"), "tf_adjustment_bounds", problems),
                root.has("thresholds") ? new Thresholds(number(root.get("thresholds"), "link", "thresholds", problems),
                        number(root.get("thresholds"), "review", "thresholds", problems)) : null,
                comparisons, rules, readTraining(root.get("training")), readEvidenceGroups(root.path("evidence_groups"), problems),
                readNegativeEvidenceCaps(root.path("negative_evidence_caps"), problems));
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return s;
    }

    private static ComparisonSpec readComparison(JsonNode c, int index, List<String> problems) {
        String name = text(c, "name");
        List<LevelSpec> levels = new ArrayList<>();
        JsonNode ls = c.path("levels");
        for (int i = 0; i < ls.size(); i++) {
            JsonNode l = ls.get(i);
            String where = "comparison '" + (name == null ? "#" + index : name) + "' level " + i + " '" + text(l, "label") + "'";
            PredicateSpec predicate = l.has("predicate") ? readPredicate(l, where, problems) : null;
            Iterator<String> keys = l.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!LEVEL_KEYS.contains(key) && !l.get(key).isNumber()) {
                    problems.add(where + ": unknown key \"" + key + "\"; levels take " + LEVEL_KEYS + " and numeric predicate parameters");
                }
            }
            levels.add(new LevelSpec(text(l, "label"), predicate, optionalNumber(l, "m", where, problems),
                    optionalNumber(l, "u", where, problems), text(l, "tf_field"), optionalNumber(l, "tf_u", where, problems),
                    l.path("fixed").asBoolean(false)));
        }
        return new ComparisonSpec(name, text(c, "description"), levels,
                optionalNumber(c, "max_weight", "comparison '" + (name == null ? "#" + index : name) + "'", problems));
    }

    private static List<EvidenceGroup> readEvidenceGroups(JsonNode groups, List<String> problems) {
        List<EvidenceGroup> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            JsonNode g = groups.get(i);
            List<String> comparisons = new ArrayList<>();
            g.path("comparisons").forEach(c -> comparisons.add(c.asText()));
            String name = text(g, "name");
            out.add(new EvidenceGroup(name, comparisons, number(g, "max_weight", "evidence group '" + (name == null ? "#" + i : name) + "'",
                    problems)));
        }
        return out;
    }

    private static List<NegativeEvidenceCap> readNegativeEvidenceCaps(JsonNode caps, List<String> problems) {
        List<NegativeEvidenceCap> out = new ArrayList<>();
        for (int i = 0; i < caps.size(); i++) {
            JsonNode c = caps.get(i);
            String name = text(c, "name");
            out.add(new NegativeEvidenceCap(name, text(c, "comparison"), text(c, "level"),
                    number(c, "max_weight", "negative evidence cap '" + (name == null ? "#" + i : name) + "'", problems)));
        }
        return out;
    }

    private static PredicateSpec readPredicate(JsonNode node, String where, List<String> problems) {
        Map<String, Double> params = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!LEVEL_KEYS.contains(e.getKey()) && !PREDICATE_KEYS.contains(e.getKey()) && e.getValue().isNumber()) {
                params.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        List<PredicateSpec> of = new ArrayList<>();
        for (JsonNode sub : node.path("of")) {
            of.add(readPredicate(sub, where + " \"of\"", problems));
        }
        return new PredicateSpec(text(node, "predicate"), fields(node), params, of);
    }

    private static BlockingRule readRule(JsonNode r, int index, List<String> problems) {
        List<KeyPart> parts = new ArrayList<>();
        for (JsonNode p : r.path("parts")) {
            parts.add(new KeyPart(fields(p), text(p, "transform"), p.path("n").asInt(0)));
        }
        return new BlockingRule(text(r, "name"), parts);
    }

    private static TrainingInfo readTraining(JsonNode t) {
        if (t == null || t.isNull()) {
            return null;
        }
        return new TrainingInfo(text(t, "trained_at"), text(t, "method"), t.path("random_pairs").asLong(),
                t.path("blocked_pairs").asLong(), t.path("labelled_matches").asLong(), t.path("labelled_non_matches").asLong(),
                t.path("em_iterations").asInt(), t.path("converged").asBoolean(), t.path("blocked_match_share").asDouble(Double.NaN),
                text(t, "previous_version"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> fields = new ArrayList<>();
        if (node.hasNonNull("field")) {
            fields.add(node.get("field").asText());
        }
        for (JsonNode f : node.path("fields")) {
            fields.add(f.asText());
        }
        return fields;
    }

    private static Bounds bounds(JsonNode node, String name, List<String> problems) {
        if (node == null) {
            return null;
        }
        return new Bounds(number(node, "min", name, problems), number(node, "max", name, problems));
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double number(JsonNode node, String key, String where, List<String> problems) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber()) {
            problems.add(where + ": \"" + key + "\" must be a number, found " + (v == null ? "nothing" : v.toString()) + "; set it");
            return Double.NaN;
        }
        return v.doubleValue();
    }

    private static double optionalNumber(JsonNode node, String key, String where, List<String> problems) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            problems.add(where + ": \"" + key + "\" must be a number, found " + v + "; write it without quotes");
            return Double.NaN;
        }
        return v.doubleValue();
    }

    /** Pretty-printed JSON; fields absent from the settings (NaN, null) are left out. */
    public static String write(Settings s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", s.version());
        if (s.description() != null) {
            root.put("description", s.description());
        }
        root.put("probability_two_random_records_match", s.probabilityTwoRandomRecordsMatch());
        if (s.weightBounds() != null) {
            root.putObject("weight_bounds").put("min", s.weightBounds().min()).put("max", s.weightBounds().max());
        }
        if (s.tfAdjustmentBounds() != null) {
            root.putObject("tf_adjustment_bounds").put("min", s.tfAdjustmentBounds().min()).put("max", s.tfAdjustmentBounds().max());
        }
        if (s.thresholds() != null) {
            root.putObject("thresholds").put("link", s.thresholds().link()).put("review", s.thresholds().review());
        }
        ArrayNode cs = root.putArray("comparisons");
        for (ComparisonSpec c : s.comparisons()) {
            ObjectNode cn = cs.addObject();
            cn.put("name", c.name());
            if (c.description() != null) {
                cn.put("description", c.description());
            }
            putNumber(cn, "max_weight", c.maxWeight());
            ArrayNode ls = cn.putArray("levels");
            for (LevelSpec l : c.levels()) {
                ObjectNode ln = ls.addObject();
                ln.put("label", l.label());
                writePredicate(l.predicate(), ln);
                putNumber(ln, "m", l.m());
                putNumber(ln, "u", l.u());
                if (l.tfField() != null) {
                    ln.put("tf_field", l.tfField());
                    putNumber(ln, "tf_u", l.tfU());
                }
                if (l.fixed()) {
                    ln.put("fixed", true);
                }
            }
        }
        ArrayNode bs = root.putArray("blocking_rules");
        for (BlockingRule r : s.blockingRules()) {
            ObjectNode rn = bs.addObject();
            rn.put("name", r.name());
            ArrayNode ps = rn.putArray("parts");
            for (KeyPart p : r.parts()) {
                ObjectNode pn = ps.addObject();
                writeFields(p.fields(), pn);
                if (!"value".equals(p.transform())) {
                    pn.put("transform", p.transform());
                }
                if (p.n() != 0) {
                    pn.put("n", p.n());
                }
            }
        }
        if (!s.evidenceGroups().isEmpty()) {
            ArrayNode gs = root.putArray("evidence_groups");
            for (EvidenceGroup g : s.evidenceGroups()) {
                ObjectNode gn = gs.addObject();
                gn.put("name", g.name());
                g.comparisons().forEach(gn.putArray("comparisons")::add);
                putNumber(gn, "max_weight", g.maxWeight());
            }
        }
        if (!s.negativeEvidenceCaps().isEmpty()) {
            ArrayNode capsNode = root.putArray("negative_evidence_caps");
            for (NegativeEvidenceCap c : s.negativeEvidenceCaps()) {
                ObjectNode cn = capsNode.addObject();
                cn.put("name", c.name());
                cn.put("comparison", c.comparison());
                cn.put("level", c.level());
                putNumber(cn, "max_weight", c.maxWeight());
            }
        }
        TrainingInfo t = s.training();
        if (t != null) {
            ObjectNode tn = root.putObject("training");
            tn.put("trained_at", t.trainedAt());
            tn.put("method", t.method());
            tn.put("previous_version", t.previousVersion());
            tn.put("random_pairs", t.randomPairs());
            tn.put("blocked_pairs", t.blockedPairs());
            tn.put("labelled_matches", t.labelledMatches());
            tn.put("labelled_non_matches", t.labelledNonMatches());
            tn.put("em_iterations", t.emIterations());
            tn.put("converged", t.converged());
            putNumber(tn, "blocked_match_share", t.blockedMatchShare());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write settings JSON", e);
        }
    }

    private static void writePredicate(PredicateSpec p, ObjectNode node) {
        node.put("predicate", p.name());
        writeFields(p.fields(), node);
        p.params().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> putNumber(node, e.getKey(), e.getValue()));
        if (!p.of().isEmpty()) {
            ArrayNode of = node.putArray("of");
            for (PredicateSpec sub : p.of()) {
                writePredicate(sub, of.addObject());
            }
        }
    }

    private static void writeFields(List<String> fields, ObjectNode node) {
        if (fields.size() == 1) {
            node.put("field", fields.get(0));
        } else if (!fields.isEmpty()) {
            ArrayNode fs = node.putArray("fields");
            fields.forEach(fs::add);
        }
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            node.put(key, (long) v);
        } else {
            node.put(key, v);
        }
    }
}
