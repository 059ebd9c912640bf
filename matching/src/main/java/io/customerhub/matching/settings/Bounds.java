package io.customerhub.matching.settings;

/** A closed interval of weights (bits) that a weight is clamped into. */
public record Bounds(double min, double max) {

    public double clamp(double w) {
        return w < min ? min : Math.min(w, max);
    }
}
