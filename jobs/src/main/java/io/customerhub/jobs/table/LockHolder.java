package io.customerhub.jobs.table;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One process holding the hub lock, as written in a lock file: {@code key=value} lines a person can
 * read. {@code leaseUntil}: the holder counts as gone after it, unless its heartbeat renewed it.
 */
public record LockHolder(String runId, String command, String host, long pid, Instant startedAt, Instant leaseUntil) {

    public LockHolder {
        if (runId == null || command == null || host == null || startedAt == null || leaseUntil == null) {
            throw new IllegalArgumentException("every lock field is needed");
        }
    }

    /** A holder starting now with a lease of {@code lease}. */
    public static LockHolder starting(String runId, String command, String host, long pid, Instant now, Duration lease) {
        return new LockHolder(runId, command, host, pid, now, now.plus(lease));
    }

    public LockHolder renewed(Instant now, Duration lease) {
        return new LockHolder(runId, command, host, pid, startedAt, now.plus(lease));
    }

    public boolean live(Instant now) {
        return leaseUntil.isAfter(now);
    }

    /** Whether {@code other} is this very holder (same process and start), whatever its lease. */
    public boolean sameHolder(LockHolder other) {
        return runId.equals(other.runId) && host.equals(other.host) && pid == other.pid && startedAt.equals(other.startedAt);
    }

    public String format() {
        return "run_id=" + runId + "\ncommand=" + command + "\nhost=" + host + "\npid=" + pid
                + "\nstarted_at=" + startedAt + "\nlease_until=" + leaseUntil + "\n";
    }

    /** The holder written in {@code text}; empty when the text is not a complete lock file (e.g. caught half written). */
    public static Optional<LockHolder> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        try {
            return Optional.of(new LockHolder(fields.get("run_id"), fields.get("command"), fields.get("host"),
                    Long.parseLong(fields.getOrDefault("pid", "-1")), Instant.parse(fields.get("started_at")),
                    Instant.parse(fields.get("lease_until"))));
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** How the lock's owner is named in messages: ids and times only. */
    public String describe() {
        return "run " + runId + " (hub " + command + ", pid " + pid + " on " + host + ", started " + startedAt + ")";
    }
}
