package io.customerhub.jobs;

/**
 * A user-facing failure: the message states the problem, its cause and the fix, and never holds a
 * customer's field values. The CLI prints it without a stack trace and exits non-zero.
 */
public final class HubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private HubException(String message, Throwable cause) {
        super(message, cause);
    }

    public static HubException of(String problem, String cause, String fix) {
        return new HubException(format(problem, cause, fix), null);
    }

    public static HubException of(String problem, String cause, String fix, Throwable underlying) {
        return new HubException(format(problem, cause, fix), underlying);
    }

    private static String format(String problem, String cause, String fix) {
        return problem + "\n  cause: " + cause + "\n  fix:   " + fix;
    }
}
