package io.customerhub.jobs.steward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.customerhub.jobs.HubException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Who may sign in to the console: stewards from a users file ({@code {"stewards": [{"name": ...,
 * "password_hash": ...}]}}, hashes by {@link PasswordHash}), or one steward with a random token made
 * at start-up. Repeated failures for a name lock it for a minute, so passwords cannot be guessed fast.
 */
public final class StewardAccounts {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> passwordHashes;
    private final String tokenSteward;
    private final String token;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil) {
    }

    private StewardAccounts(Map<String, String> passwordHashes, String tokenSteward, String token, Clock clock) {
        this.passwordHashes = Map.copyOf(passwordHashes);
        this.tokenSteward = tokenSteward;
        this.token = token;
        this.clock = clock;
    }

    /** The stewards of a users file. */
    public static StewardAccounts fromFile(Path usersFile) {
        return new StewardAccounts(readHashes(usersFile, true), null, null, Clock.systemUTC());
    }

    /** One steward who signs in with a random token (printed once at start-up). */
    public static StewardAccounts withToken(String steward) {
        requireName(steward);
        return new StewardAccounts(Map.of(), steward, PasswordHash.randomToken(24), Clock.systemUTC());
    }

    StewardAccounts withClock(Clock other) {
        return new StewardAccounts(passwordHashes, tokenSteward, token, other);
    }

    /** The token of a token account, to print for the steward; empty for a users file. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    public int size() {
        return passwordHashes.size() + (token == null ? 0 : 1);
    }

    /**
     * The steward's name when the secret is right; empty otherwise, or while the name is locked after
     * {@link #MAX_FAILURES} failures. The same answer for an unknown name and a wrong password.
     */
    public Optional<String> signIn(String name, String secret) {
        if (name == null || secret == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Failures before = failures.get(name);
        if (before != null && before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
            return Optional.empty();
        }
        boolean ok;
        if (token != null && name.equals(tokenSteward)) {
            ok = PasswordHash.sameSecret(secret, token);
        } else {
            String hash = passwordHashes.get(name);
            // Hash even for an unknown name, so timing does not tell which names exist.
            ok = PasswordHash.verify(secret.toCharArray(), hash == null ? DUMMY_HASH : hash) && hash != null;
        }
        if (ok) {
            failures.remove(name);
            return Optional.of(name);
        }
        failures.compute(name, (k, f) -> {
            int count = (f == null || f.lockedUntil() != null && !now.isBefore(f.lockedUntil()) ? 0 : f.count()) + 1;
            return new Failures(count, count >= MAX_FAILURES ? now.plus(LOCK) : null);
        });
        return Optional.empty();
    }

    /** Whether the name is locked now (too many failures). */
    public boolean locked(String name) {
        Failures f = failures.get(name);
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    /** Adds or replaces a steward's password hash in the users file (created when missing), written atomically. */
    public static void setPassword(Path usersFile, String name, char[] password) {
        requireName(name);
        if (password.length < 12) {
            throw HubException.of("the password is too short", "console passwords guard personal data and need at least 12 characters",
                    "choose a longer password (a passphrase of a few words works well)");
        }
        Map<String, String> hashes = Files.exists(usersFile) ? new TreeMap<>(readHashes(usersFile, false)) : new TreeMap<>();
        hashes.put(name, PasswordHash.hash(password));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode stewards = root.putArray("stewards");
        hashes.forEach((n, h) -> stewards.addObject().put("name", n).put("password_hash", h));
        try {
            Path parent = usersFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".stewards", ".json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, usersFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw HubException.of("cannot write the users file " + usersFile, e.getMessage(), "check that its folder exists and is writable", e);
        }
    }

    private static Map<String, String> readHashes(Path usersFile, boolean needOne) {
        JsonNode root;
        try {
            root = JSON.readTree(usersFile.toFile());
        } catch (IOException e) {
            throw HubException.of("cannot read the users file " + usersFile, e.getMessage(),
                    "create it with `hub steward add-user NAME --users " + usersFile + "`", e);
        }
        JsonNode list = root == null ? null : root.get("stewards");
        if (list == null || !list.isArray()) {
            throw HubException.of("the users file " + usersFile + " has no \"stewards\" list", "the file must look like "
                    + "{\"stewards\": [{\"name\": ..., \"password_hash\": ...}]}", "create it with `hub steward add-user NAME --users FILE`");
        }
        Map<String, String> hashes = new TreeMap<>();
        for (JsonNode entry : list) {
            String name = entry.path("name").asText(null);
            String hash = entry.path("password_hash").asText(null);
            if (name == null || !NAME.matcher(name).matches()) {
                throw HubException.of("a steward in " + usersFile + " has no valid name", "names are 1-64 letters, digits or . _ @ -",
                        "fix the entry, or add stewards with `hub steward add-user NAME`");
            }
            if (!PasswordHash.isWellFormed(hash)) {
                throw HubException.of("steward " + name + " in " + usersFile + " has no valid password_hash",
                        "the console stores only PBKDF2 hashes (" + PasswordHash.SCHEME + "$...), never passwords",
                        "set it with `hub steward add-user " + name + " --users " + usersFile + "`");
            }
            if (hashes.put(name, hash) != null) {
                throw HubException.of("steward " + name + " appears twice in " + usersFile, "each name signs in with one password",
                        "remove one of the entries");
            }
        }
        if (needOne && hashes.isEmpty()) {
            throw HubException.of("the users file " + usersFile + " lists no steward", "nobody could sign in",
                    "add one with `hub steward add-user NAME --users " + usersFile + "`");
        }
        return hashes;
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw HubException.of("'" + name + "' is not a valid steward name", "names are 1-64 letters, digits or . _ @ - (they are kept with every decision)",
                    "choose a name such as alice or a.martin");
        }
    }

    /** A well-formed hash of a random password: verified against when a name is unknown. */
    private static final String DUMMY_HASH = PasswordHash.hash(PasswordHash.randomToken(16).toCharArray());
}
