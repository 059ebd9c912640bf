package io.customerhub.benchmarks;

import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.compare.JaroWinkler;
import io.customerhub.matching.compare.PreparedRecord;
import io.customerhub.matching.model.FellegiSunterModel;
import io.customerhub.matching.model.ScoredPair;
import io.customerhub.matching.model.TermFrequencies;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compare + score one candidate pair with the default settings, over a fixed mix of realistic
 * blocked pairs: ~30% true duplicates with typos/moves/partial data, ~70% non-matches that share a
 * blocking key (same family name and birth year, same postcode, relatives). Throughput = pairs/s
 * on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ScoringBenchmark {

    private static final int PAIRS = 4096;

    private FellegiSunterModel model;
    private List<BlockingRule> rules;
    private TermFrequencies tf;
    private StandardizedRecord[] left;
    private StandardizedRecord[] right;
    private PreparedRecord[] preparedLeft;
    private PreparedRecord[] preparedRight;
    private String[] namesA;
    private String[] namesB;
    private final JaroWinklerSimilarity commons = new JaroWinklerSimilarity();
    private int i;

    @Setup
    public void setUp() {
        model = FellegiSunterModel.compile(Settings.defaults());
        rules = Settings.defaults().blockingRules();
        tf = TermFrequencies.of(Map.of("family_name", Map.of("MARTIN", 0.004, "BERNARD", 0.002, "DUBOIS", 0.0015)));
        Random r = new Random(42);
        left = new StandardizedRecord[PAIRS];
        right = new StandardizedRecord[PAIRS];
        namesA = new String[PAIRS];
        namesB = new String[PAIRS];
        preparedLeft = new PreparedRecord[PAIRS];
        preparedRight = new PreparedRecord[PAIRS];
        for (int p = 0; p < PAIRS; p++) {
            StandardizedRecord a = randomPerson(r);
            StandardizedRecord b = r.nextInt(10) < 3 ? duplicateOf(a, r) : neighbourOf(a, r);
            left[p] = a;
            right[p] = b;
            preparedLeft[p] = PreparedRecord.of(a);
            preparedRight[p] = PreparedRecord.of(b);
            namesA[p] = a.givenName();
            namesB[p] = b.givenName();
        }
    }

    private static final String[] GIVEN = {"JEAN", "MARIE", "PIERRE", "ANNE", "LUCAS", "HUGO", "LEA", "CHLOE", "NICOLAS", "JULIE",
        "PHILIPPE", "ISABELLE", "THOMAS", "CAMILLE", "JEAN PIERRE", "MARIE CLAIRE"};
    private static final String[] FAMILY = {"MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND",
        "LEROY", "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER"};
    private static final String[] STREETS = {"RUE DE LA PAIX", "AVENUE VICTOR HUGO", "BOULEVARD HAUSSMANN", "RUE DES LILAS", "PLACE BELLECOUR"};
    private static final String[] CITIES = {"PARIS", "LYON", "BORDEAUX", "LILLE", "NANTES"};

    private static StandardizedRecord randomPerson(Random r) {
        String given = GIVEN[r.nextInt(GIVEN.length)];
        String family = FAMILY[r.nextInt(FAMILY.length)];
        String dob = String.format("%04d-%02d-%02d", 1940 + r.nextInt(65), 1 + r.nextInt(12), 1 + r.nextInt(28));
        int house = 1 + r.nextInt(120);
        int cityIndex = r.nextInt(CITIES.length);
        String postcode = String.format("%05d", 10000 + cityIndex * 10000 + r.nextInt(20));
        return new StandardizedRecord("crm", Integer.toString(r.nextInt()), given, family, null, given.substring(0, 2),
                family.substring(0, 3), dob, r.nextBoolean() ? "M" : "F",
                r.nextInt(3) == 0 ? null : (given + "." + family).toLowerCase().replace(' ', '-') + r.nextInt(100) + "@mail.fr",
                r.nextBoolean() ? String.format("+331%08d", r.nextInt(100_000_000)) : null,
                r.nextBoolean() ? String.format("+336%08d", r.nextInt(100_000_000)) : null,
                house + " " + STREETS[r.nextInt(STREETS.length)], Integer.toString(house), postcode, CITIES[cityIndex], "FR", null,
                List.of("crm:C" + r.nextInt(1_000_000)));
    }

    /** The same person seen by another source: typos, a move, a missing field, a partial date. */
    private static StandardizedRecord duplicateOf(StandardizedRecord a, Random r) {
        String family = r.nextInt(4) == 0 ? a.familyName() + "E" : a.familyName();
        String dob = switch (r.nextInt(5)) {
            case 0 -> a.dateOfBirth().substring(0, 4);
            case 1 -> null;
            default -> a.dateOfBirth();
        };
        boolean moved = r.nextInt(3) == 0;
        return new StandardizedRecord("web", Integer.toString(r.nextInt()), a.givenName(), family, null, a.givenNamePhonetic(),
                a.familyNamePhonetic(), dob, a.gender(), r.nextBoolean() ? a.email() : null, null, a.mobilePhone(),
                moved ? "3 RUE NEUVE" : a.addressLine(), moved ? "3" : a.houseNumber(), moved ? "69001" : a.postcode(),
                moved ? "LYON" : a.city(), "FR", null, List.of("web:W" + r.nextInt(1_000_000)));
    }

    /** A different person sharing a blocking key: same family and birth year, or same postcode, or a relative. */
    private static StandardizedRecord neighbourOf(StandardizedRecord a, Random r) {
        StandardizedRecord other = randomPerson(r);
        String dob = r.nextBoolean() ? a.dateOfBirth().substring(0, 4) + other.dateOfBirth().substring(4) : other.dateOfBirth();
        boolean household = r.nextInt(4) == 0;
        return new StandardizedRecord("web", other.sourceId(), other.givenName(), a.familyName(), null, other.givenNamePhonetic(),
                a.familyNamePhonetic(), dob, other.gender(), other.email(), household ? a.phone() : other.phone(), other.mobilePhone(),
                household ? a.addressLine() : other.addressLine(), household ? a.houseNumber() : other.houseNumber(),
                household ? a.postcode() : other.postcode(), household ? a.city() : other.city(), "FR", null, other.customerNumbers());
    }

    /** The hot path: records prepared once (as the job does per record), comparison vector and match weight, no allocation. */
    @Benchmark
    public double matchWeight() {
        int p = i++ & (PAIRS - 1);
        return model.matchWeight(preparedLeft[p], preparedRight[p], tf);
    }

    /** Worst case: both records prepared for this pair alone. */
    @Benchmark
    public double matchWeightPreparingBothRecords() {
        int p = i++ & (PAIRS - 1);
        return model.matchWeight(left[p], right[p], tf);
    }

    /** With the explanation kept (ScoredPair: vector, weights, TF adjustments). */
    @Benchmark
    public ScoredPair scoreWithExplanation() {
        int p = i++ & (PAIRS - 1);
        return model.score(preparedLeft[p], preparedRight[p], tf);
    }

    /** Every blocking key of one record under the default rules (the match step does this for each current record). */
    @Benchmark
    public int blockingKeys() {
        int p = i++ & (PAIRS - 1);
        int keys = 0;
        for (BlockingRule rule : rules) {
            keys += rule.keysFor(left[p]).size();
        }
        return keys;
    }

    @Benchmark
    public double jaroWinklerOwn() {
        int p = i++ & (PAIRS - 1);
        return JaroWinkler.similarity(namesA[p], namesB[p]);
    }

    @Benchmark
    public double jaroWinklerCommonsText() {
        int p = i++ & (PAIRS - 1);
        return commons.apply(namesA[p], namesB[p]);
    }
}
