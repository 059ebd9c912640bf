package io.customerhub.jobs.spark;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Steps of one run that do not depend on each other, run from their own threads on the shared
 * SparkSession, each timed. Every step runs to its end; the first failure is raised after, as
 * thrown, so a failed step's message reads as when it runs alone.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /** A started step: its result and how long it ran. */
    public static final class Timed<T> {
        private final FutureTask<T> task;
        private volatile long nanos;

        private Timed(Supplier<T> step) {
            this.task = new FutureTask<>(() -> {
                long start = System.nanoTime();
                try {
                    return step.get();
                } finally {
                    nanos = System.nanoTime() - start;
                }
            });
        }

        /** The step's result; waits for it and raises its failure. */
        public T value() {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a step", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        public double seconds() {
            return nanos / 1e9;
        }
    }

    /** Starts the step in a thread of its own. */
    public static <T> Timed<T> start(String name, Supplier<T> step) {
        Timed<T> timed = new Timed<>(step);
        Thread thread = new Thread(timed.task, "step-" + name);
        thread.setDaemon(true);
        thread.start();
        return timed;
    }

    /** Waits until every step has ended, then raises the first failure in list order, if any. */
    public static void awaitAll(List<? extends Timed<?>> steps) {
        RuntimeException failure = null;
        for (Timed<?> step : steps) {
            try {
                step.value();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
