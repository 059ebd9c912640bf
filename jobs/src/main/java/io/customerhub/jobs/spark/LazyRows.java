package io.customerhub.jobs.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Lazy iterators for {@code mapPartitions}: a partition's output is produced row by row as Spark
 * pulls it, instead of being collected into a list first. A list holds the whole partition in the
 * heap (millions of scored pairs with their explanations at 1 M records) and ran a 12 GB heap out.
 */
public final class LazyRows {

    private LazyRows() {
    }

    /** One output per input, computed when Spark asks for it. */
    public static <T, R> Iterator<R> map(Iterator<T> input, Function<T, R> function) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public R next() {
                return function.apply(input.next());
            }
        };
    }

    /** Any number of outputs per input, computed when Spark asks for them. */
    public static <T, R> Iterator<R> flatMap(Iterator<T> input, Function<T, Iterator<R>> function) {
        return new Iterator<>() {
            private Iterator<R> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && input.hasNext()) {
                    current = function.apply(input.next());
                }
                return current.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
