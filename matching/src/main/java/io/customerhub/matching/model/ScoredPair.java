package io.customerhub.matching.model;

import java.util.Arrays;

/**
 * A scored candidate pair with everything needed to explain it. Together with the saved settings of
 * {@code modelVersion}, {@link #gamma()} and {@link #termFrequencies()} are enough to rebuild the
 * whole score ({@link Waterfall#rebuild}).
 *
 * @param gamma             comparison vector: the level index reached in each comparison, in settings order
 * @param comparisonWeights final weight of each comparison (bits), term-frequency adjustment included, clamped
 * @param tfAdjustments     term-frequency adjustment of each comparison (0 when none)
 * @param termFrequencies   the term frequency used by each comparison (NaN when none)
 * @param prior             log2(lambda / (1 - lambda))
 * @param matchWeight       prior + sum of comparison weights
 * @param probability       2^w / (1 + 2^w)
 * @param modelVersion      settings version that scored the pair
 */
public record ScoredPair(int[] gamma, double[] comparisonWeights, double[] tfAdjustments, double[] termFrequencies,
                         double prior, double matchWeight, double probability, String modelVersion) {

    public ScoredPair {
        gamma = gamma.clone();
        comparisonWeights = comparisonWeights.clone();
        tfAdjustments = tfAdjustments.clone();
        termFrequencies = termFrequencies.clone();
    }

    @Override
    public int[] gamma() {
        return gamma.clone();
    }

    @Override
    public double[] comparisonWeights() {
        return comparisonWeights.clone();
    }

    @Override
    public double[] tfAdjustments() {
        return tfAdjustments.clone();
    }

    @Override
    public double[] termFrequencies() {
        return termFrequencies.clone();
    }

    /** The comparison vector as stored in tables: "3,1,0,2". */
    public String gammaString() {
        return gammaString(gamma);
    }

    public static String gammaString(int[] gamma) {
        StringBuilder sb = new StringBuilder(gamma.length * 2);
        for (int i = 0; i < gamma.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(gamma[i]);
        }
        return sb.toString();
    }

    public static int[] parseGamma(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty comparison vector; expected level indices like \"3,1,0,2\"");
        }
        String[] parts = text.split(",");
        int[] g = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                g[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("comparison vector \"" + text + "\": element " + i
                        + " is not a level index; expected integers like \"3,1,0,2\"", e);
            }
        }
        return g;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredPair s && Arrays.equals(gamma, s.gamma)
                && Arrays.equals(comparisonWeights, s.comparisonWeights) && Arrays.equals(tfAdjustments, s.tfAdjustments)
                && Arrays.equals(termFrequencies, s.termFrequencies) && Double.compare(prior, s.prior) == 0
                && Double.compare(matchWeight, s.matchWeight) == 0 && Double.compare(probability, s.probability) == 0
                && java.util.Objects.equals(modelVersion, s.modelVersion);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(gamma) * 31 + Double.hashCode(matchWeight);
    }

    @Override
    public String toString() {
        return "ScoredPair[gamma=" + gammaString() + ", weights=" + Arrays.toString(comparisonWeights)
                + ", tf=" + Arrays.toString(tfAdjustments) + ", prior=" + prior + ", matchWeight=" + matchWeight
                + ", probability=" + probability + ", modelVersion=" + modelVersion + "]";
    }
}
