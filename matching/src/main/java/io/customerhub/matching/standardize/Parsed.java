package io.customerhub.matching.standardize;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of parsing or normalising one value: a value, nothing (the input was blank), or a
 * rejection with a reason the caller can count. Normalisers return this instead of throwing, so a
 * bad value never kills a job.
 */
public final class Parsed<T> {

    private static final Parsed<?> EMPTY = new Parsed<>(null, null);

    private final T value;
    private final String rejection;

    private Parsed(T value, String rejection) {
        this.value = value;
        this.rejection = rejection;
    }

    public static <T> Parsed<T> of(T value) {
        return new Parsed<>(Objects.requireNonNull(value, "value"), null);
    }

    @SuppressWarnings("unchecked")
    public static <T> Parsed<T> empty() {
        return (Parsed<T>) EMPTY;
    }

    /** A rejected value; the reason names the problem without repeating the value (privacy). */
    public static <T> Parsed<T> rejected(String reason) {
        return new Parsed<>(null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isPresent() {
        return value != null;
    }

    public boolean isRejected() {
        return rejection != null;
    }

    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /** The value, or null when empty or rejected. */
    public T orNull() {
        return value;
    }

    public Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    public <R> Parsed<R> map(Function<? super T, ? extends R> mapper) {
        if (value == null) {
            @SuppressWarnings("unchecked")
            Parsed<R> same = (Parsed<R>) this;
            return same;
        }
        R mapped = mapper.apply(value);
        return mapped == null ? empty() : of(mapped);
    }

    @Override
    public String toString() {
        return isRejected() ? "Rejected[" + rejection + "]" : value == null ? "Empty" : "Parsed[" + value + "]";
    }
}
