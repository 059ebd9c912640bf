package io.customerhub.matching.model;

import io.customerhub.matching.compare.PredicateLibrary;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.Settings;
import io.customerhub.matching.settings.TrainingInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Estimates m, u and the prior from comparison-vector counts (see MODEL.md, "Training"):
 * u from random pairs (nearly all non-matches); m and the match share by expectation-maximisation
 * over blocked pairs with u held fixed; steward labels, when present, enter as observations whose
 * class is known. Levels marked {@code fixed} keep their m and u.
 */
public final class Trainer {

    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Trainer() {
    }

    /**
     * Counts comparison vectors of record pairs (e.g. a random sample of pairs, for u): the input
     * shape {@link TrainingData} takes. The Spark job does the same with a groupBy on the vector.
     */
    public static Map<String, Long> countPatterns(FellegiSunterModel model, Iterable<? extends Map.Entry<StandardizedRecord, StandardizedRecord>> pairs) {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (Map.Entry<StandardizedRecord, StandardizedRecord> pair : pairs) {
            counts.merge(ScoredPair.gammaString(model.gamma(pair.getKey(), pair.getValue())), 1L, Long::sum);
        }
        return counts;
    }

    /** Full training with default options and the system clock. */
    public static TrainingResult train(Settings settings, TrainingData data) {
        return train(settings, data, TrainingOptions.defaults(), Clock.systemUTC());
    }

    public static TrainingResult train(Settings settings, TrainingData data, TrainingOptions options, Clock clock) {
        settings.validated();
        List<ComparisonSpec> cs = settings.comparisons();
        int n = cs.size();
        double[][] m = new double[n][];
        double[][] u = new double[n][];
        boolean[][] isNull = new boolean[n][];
        boolean[][] fixed = new boolean[n][];
        for (int c = 0; c < n; c++) {
            List<LevelSpec> levels = cs.get(c).levels();
            m[c] = new double[levels.size()];
            u[c] = new double[levels.size()];
            isNull[c] = new boolean[levels.size()];
            fixed[c] = new boolean[levels.size()];
            for (int l = 0; l < levels.size(); l++) {
                LevelSpec level = levels.get(l);
                isNull[c][l] = level.isNull();
                fixed[c][l] = level.fixed();
                m[c][l] = level.m();
                u[c][l] = level.u();
            }
        }
        boolean[][] isElse = new boolean[n][];
        for (int c = 0; c < n; c++) {
            List<LevelSpec> levels = cs.get(c).levels();
            isElse[c] = new boolean[levels.size()];
            for (int l = 0; l < levels.size(); l++) {
                isElse[c][l] = PredicateLibrary.ELSE.equals(levels.get(l).predicate().name());
            }
        }
        Patterns random = Patterns.of(data.randomPairPatterns(), cs);
        Patterns nonMatches = Patterns.of(data.labelledNonMatchPatterns(), cs);
        Patterns matches = Patterns.of(data.labelledMatchPatterns(), cs);
        Patterns blocked = Patterns.of(data.blockedPairPatterns(), cs);

        // u: random pairs and labelled non-matches are both (almost) pure non-match samples.
        double[][] initialU = u;
        if (random.total() + nonMatches.total() > 0) {
            u = uFromRandomPairs(random, nonMatches, null, initialU, isNull, fixed, options.priorStrength());
        }

        // m: EM over blocked pairs with u fixed; labelled matches are added as known matches.
        double[][] labelledM = zeros(m);
        matches.addCounts(labelledM, null);
        double share = options.initialMatchShare();
        int iterations = 0;
        boolean converged = blocked.total() == 0;
        if (blocked.total() == 0 && matches.total() > 0) {
            m = smoothed(labelledM, m, isNull, fixed, options.priorStrength());
        }
        while (!converged && iterations < options.maxIterations()) {
            iterations++;
            double[] p = blocked.matchProbabilities(m, u, isNull, share);
            double[][] counts = zeros(m);
            blocked.addCounts(counts, p);
            add(counts, labelledM);
            double[][] newM = disagreementNotForMatch(smoothed(counts, m, isNull, fixed, options.priorStrength()), u, isNull, fixed, isElse);
            double newShare = blocked.weightedShare(p);
            double delta = Math.abs(newShare - share);
            for (int c = 0; c < n; c++) {
                for (int l = 0; l < newM[c].length; l++) {
                    if (!isNull[c][l]) {
                        delta = Math.max(delta, Math.abs(newM[c][l] - m[c][l]));
                    }
                }
            }
            m = newM;
            share = newShare;
            if (random.total() > 0 && data.totalPairs() > 0) {
                // In a data set with many duplicates (a few records per person) random pairs hold
                // matches too, and they inflate u of the agreement levels. Count each random pair as
                // a non-match only by its posterior, under the current model and the prior it implies.
                double lambda = Math.min(0.5, Math.max(1e-12, share * blocked.total() / data.totalPairs()));
                double[] matchPosterior = random.matchProbabilities(m, u, isNull, lambda);
                double[][] newU = uFromRandomPairs(random, nonMatches, matchPosterior, initialU, isNull, fixed, options.priorStrength());
                for (int c = 0; c < n; c++) {
                    for (int l = 0; l < newU[c].length; l++) {
                        if (!isNull[c][l]) {
                            delta = Math.max(delta, Math.abs(newU[c][l] - u[c][l]));
                        }
                    }
                }
                u = newU;
            }
            converged = delta < options.tolerance();
        }

        List<ComparisonSpec> trained = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            List<LevelSpec> levels = new ArrayList<>();
            for (int l = 0; l < cs.get(c).levels().size(); l++) {
                LevelSpec level = cs.get(c).levels().get(l);
                levels.add(level.isNull() || level.fixed() ? level : level.withMU(m[c][l], u[c][l]));
            }
            trained.add(cs.get(c).withLevels(levels));
        }
        double prior = settings.probabilityTwoRandomRecordsMatch();
        if (blocked.total() > 0 && data.totalPairs() > 0) {
            // Assumes blocking keeps (nearly) all matches: matches = share * blocked pairs.
            prior = Math.min(0.5, Math.max(1e-12, share * blocked.total() / data.totalPairs()));
        }
        Instant now = clock.instant();
        String method = blocked.total() > 0 ? (matches.total() + nonMatches.total() > 0 ? "em+labels" : "em")
                : (matches.total() + nonMatches.total() > 0 ? "labels" : "u-only");
        TrainingInfo info = new TrainingInfo(now.toString(), method, Math.round(random.total()), Math.round(blocked.total()),
                Math.round(matches.total()), Math.round(nonMatches.total()), iterations, converged,
                blocked.total() > 0 ? share : Double.NaN, settings.version());
        String version = "trained-" + VERSION_TIME.format(now);
        Settings out = settings.withTraining(version, prior, trained, info).validated();
        return new TrainingResult(out, iterations, converged, share);
    }

    /**
     * Keeps each comparison's "else" level (disagreement) from weighing for a match: where EM gives
     * it m > u, which happens when broad blocking rules let a cluster of look-alike non-matches pose
     * as the match class, m is set to u and the excess goes to the other free levels in proportion.
     */
    private static double[][] disagreementNotForMatch(double[][] m, double[][] u, boolean[][] isNull, boolean[][] fixed, boolean[][] isElse) {
        for (int c = 0; c < m.length; c++) {
            for (int l = 0; l < m[c].length; l++) {
                if (!isElse[c][l] || isNull[c][l] || fixed[c][l] || m[c][l] <= u[c][l]) {
                    continue;
                }
                double excess = m[c][l] - u[c][l];
                double others = 0;
                for (int k = 0; k < m[c].length; k++) {
                    if (k != l && !isNull[c][k] && !fixed[c][k]) {
                        others += m[c][k];
                    }
                }
                if (others <= 0) {
                    continue;
                }
                m[c][l] = u[c][l];
                for (int k = 0; k < m[c].length; k++) {
                    if (k != l && !isNull[c][k] && !fixed[c][k]) {
                        m[c][k] += excess * m[c][k] / others;
                    }
                }
            }
        }
        return m;
    }

    /** u from random pairs (weighted by their non-match posterior when given) and labelled non-matches. */
    private static double[][] uFromRandomPairs(Patterns random, Patterns nonMatches, double[] matchPosterior, double[][] prior,
                                               boolean[][] isNull, boolean[][] fixed, double strength) {
        double[][] counts = zeros(prior);
        double[] nonMatchWeight = null;
        if (matchPosterior != null) {
            nonMatchWeight = new double[matchPosterior.length];
            for (int i = 0; i < matchPosterior.length; i++) {
                nonMatchWeight[i] = 1 - matchPosterior[i];
            }
        }
        random.addCounts(counts, nonMatchWeight);
        nonMatches.addCounts(counts, null);
        return smoothed(counts, prior, isNull, fixed, strength);
    }

    /** Dirichlet-smoothed proportions per comparison; null and fixed levels keep their values. */
    private static double[][] smoothed(double[][] counts, double[][] priorValues, boolean[][] isNull, boolean[][] fixed, double strength) {
        double[][] out = new double[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            out[c] = priorValues[c].clone();
            double total = 0;
            double priorMass = 0;
            double fixedMass = 0;
            for (int l = 0; l < counts[c].length; l++) {
                if (isNull[c][l]) {
                    continue;
                }
                if (fixed[c][l]) {
                    fixedMass += priorValues[c][l];
                } else {
                    total += counts[c][l];
                    priorMass += priorValues[c][l];
                }
            }
            if (total <= 0 || priorMass <= 0) {
                continue;
            }
            double free = Math.max(0.0, 1.0 - fixedMass);
            for (int l = 0; l < counts[c].length; l++) {
                if (!isNull[c][l] && !fixed[c][l]) {
                    double pseudo = strength * priorValues[c][l] / priorMass;
                    out[c][l] = free * (counts[c][l] + pseudo) / (total + strength);
                }
            }
        }
        return out;
    }

    private static double[][] zeros(double[][] shape) {
        double[][] z = new double[shape.length][];
        for (int c = 0; c < shape.length; c++) {
            z[c] = new double[shape[c].length];
        }
        return z;
    }

    private static void add(double[][] into, double[][] from) {
        for (int c = 0; c < into.length; c++) {
            for (int l = 0; l < into[c].length; l++) {
                into[c][l] += from[c][l];
            }
        }
    }

    /** Distinct comparison vectors with their counts. */
    private record Patterns(int[][] gammas, double[] counts, double total) {

        static Patterns of(Map<String, Long> byPattern, List<ComparisonSpec> cs) {
            int[][] gammas = new int[byPattern.size()][];
            double[] counts = new double[byPattern.size()];
            double total = 0;
            int i = 0;
            for (Map.Entry<String, Long> e : byPattern.entrySet()) {
                int[] g = ScoredPair.parseGamma(e.getKey());
                if (g.length != cs.size()) {
                    throw new IllegalArgumentException("comparison vector \"" + e.getKey() + "\" has " + g.length
                            + " levels, the settings have " + cs.size() + " comparisons; compute vectors with the same settings");
                }
                for (int c = 0; c < g.length; c++) {
                    if (g[c] < 0 || g[c] >= cs.get(c).levels().size()) {
                        throw new IllegalArgumentException("comparison vector \"" + e.getKey() + "\": comparison '"
                                + cs.get(c).name() + "' has no level " + g[c] + "; compute vectors with the same settings");
                    }
                }
                if (e.getValue() < 0) {
                    throw new IllegalArgumentException("negative count for comparison vector \"" + e.getKey() + "\"");
                }
                gammas[i] = g;
                counts[i] = e.getValue();
                total += counts[i];
                i++;
            }
            return new Patterns(gammas, counts, total);
        }

        /** E-step: P(match | pattern) for each pattern. */
        double[] matchProbabilities(double[][] m, double[][] u, boolean[][] isNull, double share) {
            double[] p = new double[gammas.length];
            for (int i = 0; i < gammas.length; i++) {
                double pm = share;
                double pu = 1 - share;
                for (int c = 0; c < gammas[i].length; c++) {
                    int l = gammas[i][c];
                    if (!isNull[c][l]) {
                        pm *= m[c][l];
                        pu *= u[c][l];
                    }
                }
                p[i] = pm / (pm + pu);
            }
            return p;
        }

        /** Adds counts (times p when given: expected match counts) per comparison level. */
        void addCounts(double[][] into, double[] p) {
            for (int i = 0; i < gammas.length; i++) {
                double w = p == null ? counts[i] : counts[i] * p[i];
                for (int c = 0; c < gammas[i].length; c++) {
                    into[c][gammas[i][c]] += w;
                }
            }
        }

        double weightedShare(double[] p) {
            double s = 0;
            for (int i = 0; i < gammas.length; i++) {
                s += counts[i] * p[i];
            }
            return s / total;
        }
    }
}
