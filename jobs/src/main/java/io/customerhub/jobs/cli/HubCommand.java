package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubLock;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: user-facing failures print their problem/cause/fix message without a
 * stack trace and exit with {@link #EXIT_FAILED}. A command that writes the hub holds the hub lock
 * while it runs (one writer per hub), taken before Spark starts.
 */
public abstract class HubCommand implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            HubOptions written = writtenHub();
            if (written == null) {
                return run();
            }
            try (HubLock lock = HubLock.acquire(written.tables(), written.runId(), commandName(), HubLock.DEFAULT_LEASE,
                    hadoopConfiguration(), System.out)) {
                return run();
            }
        } catch (HubException e) {
            System.err.println("error: " + e.getMessage());
            return EXIT_FAILED;
        } catch (Exception e) { // Scala code may throw checked exceptions too
            DeltaConcurrentModificationException conflict = concurrentModification(e);
            if (conflict == null) {
                throw e;
            }
            System.err.println("error: " + concurrentWriteError(conflict).getMessage());
            return EXIT_FAILED;
        }
    }

    protected abstract int run();

    /** The hub this command writes, locked while it runs; null (the default) for commands that only read. */
    protected HubOptions writtenHub() {
        return null;
    }

    private String commandName() {
        return spec == null ? getClass().getSimpleName() : spec.qualifiedName(" ").replaceFirst("^hub ", "");
    }

    /** Delta's conflict between two writers of one table, wherever Spark wrapped it. */
    static DeltaConcurrentModificationException concurrentModification(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeltaConcurrentModificationException conflict) {
                return conflict;
            }
        }
        return null;
    }

    /** The class name only: Delta's own message can quote a predicate holding customer values. */
    static HubException concurrentWriteError(DeltaConcurrentModificationException conflict) {
        return HubException.of("another process changed a hub table while this command wrote it",
                "Delta refused the commit (" + conflict.getClass().getSimpleName() + "): two writers ran on one hub, e.g. a job started"
                        + " without the hub lock or a lock deleted by hand",
                "make sure one job writes the hub at a time (`hub runs`), then rerun this command with the same --run-id");
    }

    /** The Hadoop settings Spark would use (spark.hadoop.* passed by spark-submit), without starting Spark. */
    static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark.hadoop."))
                .forEach(k -> conf.set(k.substring("spark.hadoop.".length()), System.getProperty(k)));
        return conf;
    }
}
