package io.customerhub.jobs.generate;

/** What to generate: how many real people, and the seed that makes the output reproducible. */
public record GeneratorOptions(long people, long seed) {

    public static final long DEFAULT_PEOPLE = 10_000;
    public static final long DEFAULT_SEED = 42;

    public GeneratorOptions {
        if (people < 1) {
            throw new IllegalArgumentException("people must be at least 1");
        }
    }

    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_PEOPLE, DEFAULT_SEED);
    }
}
