package io.customerhub.matching.model;

/**
 * EM settings.
 *
 * @param maxIterations       cap on EM iterations
 * @param tolerance           stop when no m and not the match share moves by more than this
 * @param priorStrength       pseudo-pairs given to the current m/u (a Dirichlet prior): keeps levels never
 *                            seen in the data at their hand-set values scaled, instead of 0
 * @param initialMatchShare   starting guess of the share of matches among blocked pairs
 */
public record TrainingOptions(int maxIterations, double tolerance, double priorStrength, double initialMatchShare) {

    public static TrainingOptions defaults() {
        return new TrainingOptions(200, 1e-6, 1.0, 0.1);
    }
}
