package io.customerhub.jobs.steward;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the console, in memory (a restart signs everyone out). Every session, signed
 * in or not, has its own CSRF token that each form carries; signing in replaces the session id so
 * an id planted before sign-in is worthless. The message after a redirect ("decision recorded") is
 * kept here, never in the URL, so a link cannot make the console show a sentence of its own.
 */
final class ConsoleSessions {

    static final Duration IDLE_TIMEOUT = Duration.ofHours(8);

    /** @param steward null until signed in */
    record Session(String id, String csrfToken, String steward, Instant lastSeen) {
        boolean signedIn() {
            return steward != null;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> flashes = new ConcurrentHashMap<>();
    private final Clock clock;

    ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** The live session of this id, its idle timer restarted; empty when unknown or expired. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = sessions.computeIfPresent(id, (k, old) -> now.isAfter(old.lastSeen().plus(IDLE_TIMEOUT)) ? null
                : new Session(old.id(), old.csrfToken(), old.steward(), now));
        return Optional.ofNullable(s);
    }

    Session anonymous() {
        return put(null);
    }

    /** Signs in: a new session (new id, new CSRF token) replaces the old one. */
    Session signIn(String oldId, String steward) {
        signOut(oldId);
        return put(steward);
    }

    void signOut(String id) {
        if (id != null) {
            sessions.remove(id);
            flashes.remove(id);
        }
    }

    /** Keeps a message for the session's next page. */
    void flash(String id, String message) {
        flashes.put(id, message);
    }

    /** The session's pending message, once; null when none. */
    String takeFlash(String id) {
        return flashes.remove(id);
    }

    private Session put(String steward) {
        Session s = new Session(PasswordHash.randomToken(32), PasswordHash.randomToken(32), steward, clock.instant());
        sessions.put(s.id(), s);
        sessions.values().removeIf(old -> clock.instant().isAfter(old.lastSeen().plus(IDLE_TIMEOUT)));
        flashes.keySet().retainAll(sessions.keySet());
        return s;
    }
}
