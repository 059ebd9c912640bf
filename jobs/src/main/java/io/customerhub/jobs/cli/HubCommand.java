package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import java.util.concurrent.Callable;

/**
 * Base of every subcommand: user-facing failures print their problem/cause/fix message without a
 * stack trace and exit with {@link #EXIT_FAILED}.
 */
public abstract class HubCommand implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (HubException e) {
            System.err.println("error: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    protected abstract int run();
}
