package io.customerhub.matching.settings;

import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.compare.PredicateLibrary;
import io.customerhub.matching.compare.RecordField;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Matching settings as data: comparisons (levels with m/u), blocking rules, decision thresholds and
 * the prior. Saved and loaded as JSON ({@link SettingsJson}); loading validates. Compile with
 * {@code FellegiSunterModel.compile(settings)} before scoring.
 *
 * @param version                           model version, stamped on every score
 * @param description                       free text
 * @param probabilityTwoRandomRecordsMatch  the prior lambda
 * @param weightBounds                      clamp for each comparison's weight (bits)
 * @param tfAdjustmentBounds                clamp for the term-frequency adjustment (bits)
 * @param thresholds                        LINK / REVIEW probabilities
 * @param comparisons                       in order; a pair's comparison vector follows this order
 * @param blockingRules                     in order; a pair counts for the first rule producing it
 * @param training                          how this version was trained, or null for hand-set priors
 * @param evidenceGroups                    comparisons whose combined positive weight is capped (correlated evidence)
 * @param negativeEvidenceCaps              agreements that cap the evidence against from all other comparisons
 */
public record Settings(String version, String description, double probabilityTwoRandomRecordsMatch,
                       Bounds weightBounds, Bounds tfAdjustmentBounds, Thresholds thresholds,
                       List<ComparisonSpec> comparisons, List<BlockingRule> blockingRules, TrainingInfo training,
                       List<EvidenceGroup> evidenceGroups, List<NegativeEvidenceCap> negativeEvidenceCaps) {

    static final String DEFAULT_RESOURCE = "/io/customerhub/matching/default-settings.json";

    public Settings {
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        blockingRules = blockingRules == null ? List.of() : List.copyOf(blockingRules);
        evidenceGroups = evidenceGroups == null ? List.of() : List.copyOf(evidenceGroups);
        negativeEvidenceCaps = negativeEvidenceCaps == null ? List.of() : List.copyOf(negativeEvidenceCaps);
    }

    /** The shipped defaults (default-settings.json): priors that work without labels. */
    public static Settings defaults() {
        try (InputStream in = Settings.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " missing from the matching jar");
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Parses and validates; throws {@link SettingsException} naming each problem. */
    public static Settings fromJson(String json) {
        return SettingsJson.read(json).validated();
    }

    public static Settings load(Path path) throws IOException {
        return fromJson(Files.readString(path, StandardCharsets.UTF_8));
    }

    public String toJson() {
        return SettingsJson.write(this);
    }

    public void save(Path path) throws IOException {
        Files.writeString(path, toJson(), StandardCharsets.UTF_8);
    }

    public Settings withComparisons(List<ComparisonSpec> newComparisons) {
        return new Settings(version, description, probabilityTwoRandomRecordsMatch, weightBounds, tfAdjustmentBounds,
                thresholds, newComparisons, blockingRules, training, evidenceGroups, negativeEvidenceCaps);
    }

    public Settings withTraining(String newVersion, double newPrior, List<ComparisonSpec> newComparisons, TrainingInfo info) {
        return new Settings(newVersion, description, newPrior, weightBounds, tfAdjustmentBounds, thresholds,
                newComparisons, blockingRules, info, evidenceGroups, negativeEvidenceCaps);
    }

    public ComparisonSpec comparison(String name) {
        return comparisons.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no comparison '" + name + "'"));
    }

    /** This, or a {@link SettingsException} listing every problem. */
    public Settings validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return this;
    }

    /** Every problem found; empty when the settings can be compiled and used. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (version == null || version.isBlank()) {
            p.add("\"version\" is missing; set a version string such as \"default-1\"");
        }
        if (!(probabilityTwoRandomRecordsMatch > 0 && probabilityTwoRandomRecordsMatch < 1)) {
            p.add("\"probability_two_random_records_match\" must be in (0,1), found " + probabilityTwoRandomRecordsMatch
                    + "; set the expected share of matching pairs among all pairs (e.g. 0.0001) or run `hub train`");
        }
        if (weightBounds == null || !(weightBounds.min() < 0 && weightBounds.max() > 0)) {
            p.add("\"weight_bounds\" must have min < 0 < max, found " + weightBounds + "; e.g. {\"min\": -10, \"max\": 15}");
        }
        if (tfAdjustmentBounds == null || !(tfAdjustmentBounds.min() <= 0 && tfAdjustmentBounds.max() >= 0)) {
            p.add("\"tf_adjustment_bounds\" must have min <= 0 <= max, found " + tfAdjustmentBounds + "; e.g. {\"min\": -5, \"max\": 5}");
        }
        if (thresholds == null || !(thresholds.review() > 0 && thresholds.review() <= thresholds.link() && thresholds.link() < 1)) {
            p.add("\"thresholds\" must satisfy 0 < review <= link < 1, found " + thresholds
                    + "; e.g. {\"link\": 0.99, \"review\": 0.5}");
        }
        if (comparisons.isEmpty()) {
            p.add("no comparisons; add at least one to \"comparisons\"");
        }
        Set<String> names = new HashSet<>();
        for (ComparisonSpec c : comparisons) {
            if (c.name() == null || c.name().isBlank()) {
                p.add("a comparison has no \"name\"; name it after what it compares (e.g. \"email\")");
            } else if (!names.add(c.name())) {
                p.add("comparison '" + c.name() + "' is defined twice; rename or merge one");
            }
            if (!Double.isNaN(c.maxWeight()) && !(c.maxWeight() > 0)) {
                p.add("comparison '" + c.name() + "': \"max_weight\" must be above 0 bits, found " + c.maxWeight()
                        + "; remove it to use \"weight_bounds\"");
            }
            validateLevels(c, p);
        }
        Set<String> grouped = new HashSet<>();
        for (EvidenceGroup g : evidenceGroups) {
            String where = "evidence group '" + g.name() + "': ";
            if (!(g.maxWeight() > 0)) {
                p.add(where + "\"max_weight\" must be above 0 bits, found " + g.maxWeight() + "; e.g. 20");
            }
            for (String c : g.comparisons()) {
                if (!names.contains(c)) {
                    p.add(where + "unknown comparison '" + c + "'; known: " + names);
                } else if (!grouped.add(c)) {
                    p.add(where + "comparison '" + c + "' is already in another group; a comparison belongs to one group at most");
                }
            }
        }
        for (NegativeEvidenceCap cap : negativeEvidenceCaps) {
            String where = "negative evidence cap '" + cap.name() + "': ";
            if (!(cap.maxWeight() > 0)) {
                p.add(where + "\"max_weight\" must be above 0 bits, found " + cap.maxWeight() + "; e.g. 12");
            }
            ComparisonSpec c = comparisons.stream().filter(x -> x.name() != null && x.name().equals(cap.comparison())).findFirst().orElse(null);
            if (c == null) {
                p.add(where + "unknown comparison '" + cap.comparison() + "'; known: " + names);
            } else if (c.levels().stream().noneMatch(l -> l.label() != null && l.label().equals(cap.level()))) {
                p.add(where + "comparison '" + cap.comparison() + "' has no level labelled '" + cap.level() + "'; its levels: "
                        + c.levels().stream().map(LevelSpec::label).toList());
            }
        }
        Set<String> ruleNames = new HashSet<>();
        for (int i = 0; i < blockingRules.size(); i++) {
            BlockingRule r = blockingRules.get(i);
            String where = "blocking rule " + i + " '" + r.name() + "': ";
            if (r.name() != null && !ruleNames.add(r.name())) {
                p.add(where + "name used twice; give each rule its own name");
            }
            r.problems().forEach(x -> p.add(where + x));
        }
        return p;
    }

    private static void validateLevels(ComparisonSpec c, List<String> p) {
        String cw = "comparison '" + c.name() + "'";
        List<LevelSpec> levels = c.levels();
        if (levels.size() < 2) {
            p.add(cw + ": needs at least 2 levels (one or more agreement levels and \"else\"), found " + levels.size());
        }
        for (int i = 0; i < levels.size(); i++) {
            LevelSpec l = levels.get(i);
            String where = cw + " level " + i + " '" + l.label() + "': ";
            if (l.label() == null || l.label().isBlank()) {
                p.add(where + "\"label\" is missing; give the level a short label");
            }
            if (l.predicate() == null) {
                p.add(where + "\"predicate\" is missing; use one of " + PredicateLibrary.names());
                continue;
            }
            PredicateLibrary.validate(l.predicate()).forEach(x -> p.add(where + x));
            boolean isElse = PredicateLibrary.ELSE.equals(l.predicate().name());
            if (isElse && i != levels.size() - 1) {
                p.add(where + "\"else\" must be the last level (levels after it can never match); move it last");
            }
            if (i == levels.size() - 1 && !isElse) {
                p.add(where + "the last level must be \"else\" so every pair gets a level; add {\"label\":\"else\",\"predicate\":\"else\",...}");
            }
            if (l.isNull()) {
                if (!Double.isNaN(l.m()) || !Double.isNaN(l.u())) {
                    p.add(where + "a null level has weight 0 and takes no m or u; remove them");
                }
                if (l.tfField() != null) {
                    p.add(where + "a null level cannot have a term-frequency adjustment; remove \"tf_field\"");
                }
                continue;
            }
            if (!(l.m() > 0 && l.m() <= 1)) {
                p.add(where + "m must be in (0,1], found " + num(l.m()) + "; set m to a probability or run `hub train`");
            }
            if (!(l.u() > 0 && l.u() <= 1)) {
                p.add(where + "u must be in (0,1], found " + num(l.u()) + "; set u to a probability or run `hub train`");
            }
            if (l.tfField() != null) {
                if (RecordField.byColumnName(l.tfField()).isEmpty()) {
                    p.add(where + "unknown \"tf_field\" '" + l.tfField() + "'; use one of "
                            + RecordField.columnNames());
                }
                if (!Double.isNaN(l.tfU()) && !(l.tfU() > 0 && l.tfU() <= 1)) {
                    p.add(where + "\"tf_u\" must be in (0,1], found " + num(l.tfU())
                            + "; set the u an average value of the field has, or remove it to use u");
                }
            }
        }
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "nothing";
        }
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
