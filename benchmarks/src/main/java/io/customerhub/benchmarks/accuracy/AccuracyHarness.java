package io.customerhub.benchmarks.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.cluster.ConstrainedClustering;
import io.customerhub.matching.cluster.Link;
import io.customerhub.matching.compare.PreparedRecord;
import io.customerhub.matching.model.Decision;
import io.customerhub.matching.model.FellegiSunterModel;
import io.customerhub.matching.model.MatchDecision;
import io.customerhub.matching.model.ScoredPair;
import io.customerhub.matching.model.TermFrequencies;
import io.customerhub.matching.model.Trainer;
import io.customerhub.matching.model.TrainingData;
import io.customerhub.matching.model.TrainingResult;
import io.customerhub.matching.record.CanonicalField;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.Settings;
import io.customerhub.matching.standardize.RecordStandardizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The accuracy benchmark's pipeline in one JVM without Spark: contracts -> standardise -> block ->
 * train (EM, no labels) -> score -> cluster -> score against truth.csv. It calls the same matching
 * core as the hub's jobs (same settings, blocking rules, trainer, thresholds and clustering), so it
 * gives the hub's figures in seconds instead of minutes; {@code run.sh} remains the end-to-end check.
 * Only the evaluation reads the truth.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.customerhub.benchmarks.accuracy.AccuracyHarness [--untrained] [--errors N] TASK...</pre>
 */
public final class AccuracyHarness {

    static final int MAX_BLOCK_SIZE = 500;
    static final int MAX_CLUSTER_SIZE = 50;
    static final int RANDOM_SAMPLE_RECORDS = 1500;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Task(String name, List<StandardizedRecord> records, Map<String, String> personOf) {
    }

    /** One task's figures. */
    record Figures(String task, int records, long truePairs, long candidatePairs, long trueCandidatePairs,
                   Map<Decision, Long> decisions, long predictedPairs, long correctPairs, double bcubedP, double bcubedR,
                   long overMerged, String trainingNote, double seconds) {
        double precision() {
            return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        }

        double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        double bcubedF1() {
            return bcubedP + bcubedR == 0 ? 0 : 2 * bcubedP * bcubedR / (bcubedP + bcubedR);
        }

        double blockingRecall() {
            return truePairs == 0 ? 1.0 : (double) trueCandidatePairs / truePairs;
        }
    }

    public static void main(String[] args) throws IOException {
        Path bench = Path.of(System.getProperty("accuracy.dir", "benchmarks/accuracy"));
        boolean train = true;
        int errors = 0;
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--untrained" -> train = false;
                case "--errors" -> errors = Integer.parseInt(args[++i]);
                default -> tasks.add(args[i]);
            }
        }
        List<Figures> all = new ArrayList<>();
        for (String name : tasks) {
            long start = System.nanoTime();
            Task task = load(bench.resolve("tasks").resolve(name), name);
            Figures f = run(task, io.customerhub.matching.settings.DefaultSettings.build(), train, errors, start);
            all.add(f);
            System.out.println(row(f));
        }
        System.out.println();
        System.out.println(header());
        all.forEach(f -> System.out.println(row(f)));
    }

    static String header() {
        return "| task | records | blocking recall | pairs compared | LINK / REVIEW / NO_LINK | pairwise P | pairwise R | pairwise F1 | B-cubed F1 | over-merged | training |\n"
                + "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|";
    }

    static String row(Figures f) {
        return String.format("| %s | %,d | %.4f | %,d | %,d / %,d / %,d | %.4f | %.4f | %.4f | %.4f | %,d | %s |",
                f.task(), f.records(), f.blockingRecall(), f.candidatePairs(), f.decisions().getOrDefault(Decision.LINK, 0L),
                f.decisions().getOrDefault(Decision.REVIEW, 0L), f.decisions().getOrDefault(Decision.NO_LINK, 0L),
                f.precision(), f.recall(), f.f1(), f.bcubedF1(), f.overMerged(), f.trainingNote());
    }

    // ---- loading: the contract's mapping, the standardiser the hub uses ----

    static Task load(Path dir, String name) throws IOException {
        List<StandardizedRecord> records = new ArrayList<>();
        RecordStandardizer standardizer = new RecordStandardizer(LocalDate.of(2026, 1, 1));
        List<Path> contracts;
        try (var s = Files.list(dir.resolve("contracts"))) {
            contracts = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path contractPath : contracts) {
            JsonNode c = JSON.readTree(contractPath.toFile());
            String source = c.get("name").asText();
            Path data = contractPath.getParent().resolve(c.get("path").asText()).normalize();
            char delimiter = c.path("csv").path("delimiter").asText(",").charAt(0);
            String idColumn = c.get("idColumn").asText();
            String region = c.hasNonNull("defaultPhoneRegion") ? c.get("defaultPhoneRegion").asText() : null;
            Map<String, CanonicalField> mapping = new LinkedHashMap<>();
            List<String> datePatterns = null;
            for (JsonNode field : c.get("fields")) {
                CanonicalField target = CanonicalField.valueOf(field.get("target").asText().toUpperCase());
                mapping.put(field.get("column").asText(), target);
                if (field.has("datePatterns")) {
                    datePatterns = new ArrayList<>();
                    for (JsonNode p : field.get("datePatterns")) {
                        datePatterns.add(p.asText());
                    }
                }
            }
            List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8);
            List<String> header = split(lines.get(0), delimiter);
            int idIndex = header.indexOf(idColumn);
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                List<String> cells = split(lines.get(i), delimiter);
                Map<CanonicalField, String> raw = new EnumMap<>(CanonicalField.class);
                for (int k = 0; k < header.size() && k < cells.size(); k++) {
                    CanonicalField target = mapping.get(header.get(k));
                    if (target != null && !cells.get(k).isEmpty()) {
                        raw.put(target, cells.get(k));
                    }
                }
                String id = cells.get(idIndex);
                StandardizedRecord r = datePatterns == null
                        ? standardizer.standardize(source, id, raw, region, Map.of()).record()
                        : standardizer.standardize(source, id, raw, region, Map.of(), datePatterns).record();
                records.add(r);
            }
        }
        Map<String, String> personOf = new HashMap<>();
        List<String> truth = Files.readAllLines(dir.resolve("truth.csv"), StandardCharsets.UTF_8);
        for (String line : truth.subList(1, truth.size())) {
            List<String> t = split(line, ',');
            personOf.put(t.get(0) + "\u0000" + t.get(1), t.get(2));
        }
        return new Task(name, records, personOf);
    }

    /** CSV cells, trimmed (the contracts' default), with double-quote quoting. */
    static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }

    // ---- the pipeline ----

    static Figures run(Task task, Settings base, boolean train, int errors, long start) {
        List<StandardizedRecord> records = task.records();
        int n = records.size();
        List<PreparedRecord> prepared = records.stream().map(PreparedRecord::of).toList();
        long[] candidates = candidatePairs(records, base);

        Settings settings = base;
        String note = "untrained";
        if (train) {
            FellegiSunterModel untrained = FellegiSunterModel.compile(base);
            Map<String, Long> randomPatterns = new HashMap<>();
            Random random = new Random(42);
            double fraction = Math.min(1.0, (double) RANDOM_SAMPLE_RECORDS / n);
            List<Integer> sample = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < fraction) {
                    sample.add(i);
                }
            }
            for (int x = 0; x < sample.size(); x++) {
                for (int y = x + 1; y < sample.size(); y++) {
                    randomPatterns.merge(ScoredPair.gammaString(untrained.gamma(prepared.get(sample.get(x)), prepared.get(sample.get(y)))), 1L, Long::sum);
                }
            }
            Map<String, Long> blockedPatterns = new HashMap<>();
            for (long pair : candidates) {
                blockedPatterns.merge(ScoredPair.gammaString(untrained.gamma(prepared.get(left(pair)), prepared.get(right(pair)))), 1L, Long::sum);
            }
            TrainingResult trained = Trainer.train(base, new TrainingData(randomPatterns, blockedPatterns, Map.of(), Map.of(),
                    (long) n * (n - 1) / 2));
            settings = trained.settings();
            note = String.format("EM %d it%s, share %.3f", trained.iterations(), trained.converged() ? "" : " (not converged)",
                    trained.blockedMatchShare());
        }
        FellegiSunterModel model = FellegiSunterModel.compile(settings);
        TermFrequencies tf = termFrequencies(records);

        String[] person = new String[n];
        for (int i = 0; i < n; i++) {
            person[i] = task.personOf().get(records.get(i).sourceSystem() + "\u0000" + records.get(i).sourceId());
        }
        Map<Decision, Long> decisions = new EnumMap<>(Decision.class);
        List<Link> links = new ArrayList<>();
        long trueCandidates = 0;
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (long pair : candidates) {
            int a = left(pair), b = right(pair);
            MatchDecision d = model.decide(prepared.get(a), prepared.get(b), tf);
            decisions.merge(d.decision(), 1L, Long::sum);
            boolean same = person[a] != null && person[a].equals(person[b]);
            trueCandidates += same ? 1 : 0;
            if (d.decision() == Decision.LINK) {
                links.add(new Link(Integer.toString(a), Integer.toString(b), d.score().probability()));
                if (!same && wrong.size() < errors) {
                    wrong.add(describe(d.score(), records.get(a), records.get(b)));
                }
            } else if (same && missed.size() < errors) {
                missed.add(describe(d.score(), records.get(a), records.get(b)));
            }
        }
        List<String> keys = new ArrayList<>(n);
        Map<String, List<String>> strongIds = new HashMap<>();
        for (int i = 0; i < n; i++) {
            keys.add(Integer.toString(i));
            if (!records.get(i).customerNumbers().isEmpty()) {
                strongIds.put(Integer.toString(i), records.get(i).customerNumbers());
            }
        }
        ConstrainedClustering.Result clusters = new ConstrainedClustering(MAX_CLUSTER_SIZE)
                .cluster(keys, strongIds, links, List.of(), List.of());

        // Evaluation: the only place the truth is read.
        Map<String, Long> peopleSizes = new HashMap<>();
        for (String p : person) {
            if (p != null) {
                peopleSizes.merge(p, 1L, Long::sum);
            }
        }
        long truePairs = peopleSizes.values().stream().mapToLong(s -> s * (s - 1) / 2).sum();
        long predicted = 0, correct = 0, overMerged = 0;
        double bp = 0, br = 0;
        int labelled = 0;
        for (List<String> cluster : clusters.clusters()) {
            Map<String, Long> byPerson = new HashMap<>();
            long size = 0;
            for (String k : cluster) {
                String p = person[Integer.parseInt(k)];
                if (p != null) {
                    byPerson.merge(p, 1L, Long::sum);
                    size++;
                }
            }
            predicted += size * (size - 1) / 2;
            overMerged += byPerson.size() > 1 ? 1 : 0;
            for (Map.Entry<String, Long> e : byPerson.entrySet()) {
                long c = e.getValue();
                correct += c * (c - 1) / 2;
                bp += (double) c * c / size;
                br += (double) c * c / peopleSizes.get(e.getKey());
                labelled += c;
            }
        }
        if (errors > 0) {
            Set<Long> compared = new HashSet<>();
            for (long pair : candidates) {
                compared.add(pair);
            }
            Map<String, List<Integer>> members = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (person[i] != null) {
                    members.computeIfAbsent(person[i], k -> new ArrayList<>()).add(i);
                }
            }
            int shown = 0;
            System.out.println("== " + task.name() + ": true pairs never compared (first " + errors + ")");
            for (List<Integer> m : members.values()) {
                for (int x = 0; x < m.size() && shown < errors; x++) {
                    for (int y = x + 1; y < m.size() && shown < errors; y++) {
                        int a = Math.min(m.get(x), m.get(y)), b = Math.max(m.get(x), m.get(y));
                        if (!compared.contains(((long) a << 32) | b)) {
                            System.out.println(describe(model.score(prepared.get(a), prepared.get(b), tf), records.get(a), records.get(b)));
                            shown++;
                        }
                    }
                }
            }
        }
        if (!missed.isEmpty() || !wrong.isEmpty()) {
            System.out.println("== " + task.name() + ": compared true pairs not linked (first " + errors + ")");
            missed.forEach(System.out::println);
            System.out.println("== " + task.name() + ": links between different people (first " + errors + ")");
            wrong.forEach(System.out::println);
            System.out.println("== trained levels");
            settings.comparisons().forEach(c -> c.levels().forEach(l -> System.out.printf("  %s / %s: m %.5f u %.6f%n",
                    c.name(), l.label(), l.m(), l.u())));
            System.out.printf("  prior %.3g%n", settings.probabilityTwoRandomRecordsMatch());
        }
        return new Figures(task.name(), n, truePairs, candidates.length, trueCandidates, decisions, predicted, correct,
                bp / Math.max(1, labelled), br / Math.max(1, labelled), overMerged, note, (System.nanoTime() - start) / 1e9);
    }

    private static String describe(ScoredPair s, StandardizedRecord a, StandardizedRecord b) {
        return String.format("  w %.1f g %s %s | %s %s %s %s %s %s %s | %s %s %s %s %s %s %s", s.matchWeight(), s.gammaString(), java.util.Arrays.toString(java.util.Arrays.stream(s.comparisonWeights()).map(x -> Math.round(x * 10) / 10.0).toArray()),
                a.givenName(), a.familyName(), a.dateOfBirth(), a.addressLine(), a.postcode(), a.city(), a.email(),
                b.givenName(), b.familyName(), b.dateOfBirth(), b.addressLine(), b.postcode(), b.city(), b.email());
    }

    /** As the match step: union of the rules' pairs within blocks of at most MAX_BLOCK_SIZE records. */
    static long[] candidatePairs(List<StandardizedRecord> records, Settings settings) {
        Set<Long> pairs = new HashSet<>();
        for (BlockingRule rule : settings.blockingRules()) {
            Map<String, List<Integer>> blocks = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                for (String key : rule.keysFor(records.get(i))) {
                    blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
                }
            }
            for (List<Integer> block : blocks.values()) {
                if (block.size() > MAX_BLOCK_SIZE) {
                    continue;
                }
                for (int x = 0; x < block.size(); x++) {
                    for (int y = x + 1; y < block.size(); y++) {
                        int a = Math.min(block.get(x), block.get(y)), b = Math.max(block.get(x), block.get(y));
                        if (a != b) {
                            pairs.add(((long) a << 32) | b);
                        }
                    }
                }
            }
        }
        long[] out = pairs.stream().mapToLong(Long::longValue).toArray();
        java.util.Arrays.sort(out);
        return out;
    }

    private static int left(long pair) {
        return (int) (pair >>> 32);
    }

    private static int right(long pair) {
        return (int) pair;
    }

    /** As the match step: family and given name frequencies, values seen more than once. */
    static TermFrequencies termFrequencies(List<StandardizedRecord> records) {
        Map<String, Map<String, Double>> table = new HashMap<>();
        table.put("family_name", frequencies(records.stream().map(StandardizedRecord::familyName).toList()));
        table.put("given_name", frequencies(records.stream().map(StandardizedRecord::givenName).toList()));
        return TermFrequencies.of(table);
    }

    private static Map<String, Double> frequencies(List<String> values) {
        Map<String, Long> counts = new HashMap<>();
        values.forEach(v -> {
            if (v != null) {
                counts.merge(v, 1L, Long::sum);
            }
        });
        Map<String, Double> out = new HashMap<>();
        counts.forEach((v, c) -> {
            if (c > 1) {
                out.put(v, (double) c / values.size());
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
