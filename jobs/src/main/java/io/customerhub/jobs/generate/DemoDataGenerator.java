package io.customerhub.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Generates demo silos for the hub: N real people spread over four sources with different
 * schemas, encodings and formats, realistic noise, hard negatives and a few planted bad rows,
 * plus the ground truth, a manifest and ready-to-use contracts. Same seed and size give
 * byte-identical text files.
 */
public final class DemoDataGenerator {

    public static final String TRUTH_FILE = "truth.csv";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String HARD_NEGATIVES_FILE = "hard_negatives.csv";
    public static final String CONTRACTS_DIR = "contracts";
    /** Where the example contracts live on the classpath (schemas module). */
    private static final String CONTRACT_RESOURCES = "/schemas/sources/";

    private DemoDataGenerator() {
    }

    /**
     * Writes the demo data into {@code out}, which must not hold a previous run (see
     * {@link #deleteOutputs(Path)}).
     *
     * @param spark used only to write the Parquet silo
     */
    public static GeneratedData generate(SparkSession spark, Path out, GeneratorOptions options) throws IOException {
        long start = System.nanoTime();
        List<Path> existing = existingOutputs(out);
        if (!existing.isEmpty()) {
            throw new FileAlreadyExistsException(existing.get(0).toString(), null, "demo data already there");
        }
        Files.createDirectories(out);
        NameLists lists = NameLists.load();
        SplittableRandom random = new SplittableRandom(options.seed());
        Noise noise = new Noise(random, lists.shortForms());
        Population population = new Population(lists, random, options.people());
        Map<PersonGroup.Kind, Long> hardNegatives = new EnumMap<>(PersonGroup.Kind.class);

        Map<SourceSystem, SiloWriter> writers = new EnumMap<>(SourceSystem.class);
        Map<SourceSystem, Long> rows;
        List<BadRow> badRows;
        try (BranchCrmWriter branch = new BranchCrmWriter(out.resolve(SourceSystem.BRANCH_CRM.fileName()));
             CallCentreWriter callCentre = new CallCentreWriter(out.resolve(SourceSystem.CALL_CENTRE.fileName()));
             WebAccountsWriter web = new WebAccountsWriter(out.resolve(SourceSystem.WEB_ACCOUNTS.fileName()));
             MobileAppWriter mobile = new MobileAppWriter(spark, out.resolve(SourceSystem.MOBILE_APP.fileName()));
             Writer negatives = Files.newBufferedWriter(out.resolve(HARD_NEGATIVES_FILE), StandardCharsets.UTF_8)) {
            writers.put(SourceSystem.BRANCH_CRM, branch);
            writers.put(SourceSystem.CALL_CENTRE, callCentre);
            writers.put(SourceSystem.WEB_ACCOUNTS, web);
            writers.put(SourceSystem.MOBILE_APP, mobile);
            negatives.write("kind,person_id_a,person_id_b\n");
            try (SiloEmitter emitter = new SiloEmitter(noise, writers, out.resolve(TRUTH_FILE), options.people())) {
                while (population.hasNext()) {
                    PersonGroup group = population.next();
                    if (group.kind().hardNegative()) {
                        hardNegatives.merge(group.kind(), 1L, Long::sum);
                        negatives.append(group.kind().label()).append(',').append(group.members().get(0).personId())
                                .append(',').append(group.members().get(1).personId()).append('\n');
                    }
                    for (Person person : group.members()) {
                        emitter.emit(person);
                    }
                }
                rows = emitter.rows();
                badRows = emitter.badRows();
            }
        }
        copyContracts(out.resolve(CONTRACTS_DIR));
        Map<SourceSystem, Map<BadRowKind, Long>> badRowCounts = countBadRows(badRows);
        writeManifest(out.resolve(MANIFEST_FILE), options, rows, badRowCounts, badRows, hardNegatives);
        return new GeneratedData(out, options.people(), rows, badRowCounts, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The files and directories a run writes that already exist in {@code out}. */
    public static List<Path> existingOutputs(Path out) {
        List<Path> existing = new ArrayList<>();
        for (Path p : outputs(out)) {
            if (Files.exists(p)) {
                existing.add(p);
            }
        }
        return existing;
    }

    /** Deletes what a previous run wrote in {@code out}, and nothing else. */
    public static void deleteOutputs(Path out) throws IOException {
        for (Path p : existingOutputs(out)) {
            try (Stream<Path> tree = Files.walk(p)) {
                for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(each);
                }
            }
        }
    }

    private static List<Path> outputs(Path out) {
        List<Path> paths = new ArrayList<>();
        for (SourceSystem source : SourceSystem.values()) {
            paths.add(out.resolve(source.fileName()));
        }
        for (String name : List.of(TRUTH_FILE, MANIFEST_FILE, HARD_NEGATIVES_FILE, CONTRACTS_DIR)) {
            paths.add(out.resolve(name));
        }
        return paths;
    }

    /** The example contracts already point one level up ("../branch_crm.csv"), so they are copied verbatim. */
    private static void copyContracts(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (SourceSystem source : SourceSystem.values()) {
            String name = source.systemName() + ".json";
            try (InputStream in = DemoDataGenerator.class.getResourceAsStream(CONTRACT_RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing contract resource " + CONTRACT_RESOURCES + name);
                }
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    private static Map<SourceSystem, Map<BadRowKind, Long>> countBadRows(List<BadRow> badRows) {
        Map<SourceSystem, Map<BadRowKind, Long>> counts = new EnumMap<>(SourceSystem.class);
        for (SourceSystem source : SourceSystem.values()) {
            counts.put(source, new EnumMap<>(BadRowKind.class));
        }
        for (BadRow bad : badRows) {
            counts.get(bad.source()).merge(bad.kind(), 1L, Long::sum);
        }
        return counts;
    }

    private static void writeManifest(Path file, GeneratorOptions options, Map<SourceSystem, Long> rows,
                                      Map<SourceSystem, Map<BadRowKind, Long>> badRowCounts, List<BadRow> badRows,
                                      Map<PersonGroup.Kind, Long> hardNegatives) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("generator", "hub generate");
        manifest.put("seed", options.seed());
        manifest.put("people", options.people());
        manifest.put("totalRecords", rows.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Object> sources = new LinkedHashMap<>();
        for (SourceSystem source : SourceSystem.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", source.fileName());
            entry.put("records", rows.get(source));
            Map<String, Long> kinds = new LinkedHashMap<>();
            badRowCounts.get(source).forEach((kind, n) -> kinds.put(kind.label(), n));
            entry.put("badRows", kinds);
            sources.put(source.systemName(), entry);
        }
        manifest.put("sources", sources);
        Map<String, Long> negatives = new LinkedHashMap<>();
        hardNegatives.forEach((kind, n) -> negatives.put(kind.label(), n));
        manifest.put("hardNegativePairs", negatives);
        manifest.put("truthFile", TRUTH_FILE);
        manifest.put("hardNegativesFile", HARD_NEGATIVES_FILE);
        manifest.put("contractsDir", CONTRACTS_DIR);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (BadRow bad : badRows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", bad.source().systemName());
            entry.put("kind", bad.kind().label());
            entry.put("row", bad.row());
            entry.put("sourceId", bad.sourceId());
            listed.add(entry);
        }
        manifest.put("badRowList", listed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(w, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
