package io.customerhub.reader;

/** A reader failure stated as problem, cause and fix; it never holds a customer's field values. */
public final class HubReaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private HubReaderException(String message, Throwable cause) {
        super(message, cause);
    }

    public static HubReaderException of(String problem, String cause, String fix, Throwable underlying) {
        return new HubReaderException(problem + "\n  cause: " + cause + "\n  fix:   " + fix, underlying);
    }
}
