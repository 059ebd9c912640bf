package io.customerhub.jobs.steward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.customerhub.jobs.HubException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Who may sign in to the console: stewards from a users file ({@code {"stewards": [{"name": ...,
 * "password_hash": ...}]}}, hashes by {@link PasswordHash}), or one steward with a random token made
 * at start-up. Failures are counted per name and source address, and per source address: {@link
 * #MAX_FAILURES} for one name from one source lock that name there for a minute, and {@link
 * #MAX_SOURCE_FAILURES} from one source, whatever the names, lock the source. So passwords cannot be
 * guessed fast, and a stranger's failures cannot lock a steward out from another address.
 */
public final class StewardAccounts {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MAX_FAILURES = 5;
    static final int MAX_SOURCE_FAILURES = 20;
    static final Duration LOCK = Duration.ofMinutes(1);
    /** Beyond this many counters, those not locking anything are forgotten, so a spray of names cannot fill memory. */
    private static final int MAX_TRACKED = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> passwordHashes;
    private final String tokenSteward;
    private final String token;
    private final Clock clock;
    /** Keyed by {@link #nameAtSource} and {@link #wholeSource}. */
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil) {
        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
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
     * The steward's name when the secret is right; empty otherwise, or while the name is locked at this
     * source (see {@link #locked}). The same answer for an unknown name and a wrong password.
     *
     * @param source where the attempt comes from, as {@link #sourceOf} gives it
     */
    public Optional<String> signIn(String name, String secret, String source) {
        if (name == null || secret == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (locked(name, source, now)) {
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
            failures.remove(nameAtSource(name, source));
            return Optional.of(name);
        }
        countFailure(nameAtSource(name, source), MAX_FAILURES, now);
        countFailure(wholeSource(source), MAX_SOURCE_FAILURES, now);
        return Optional.empty();
    }

    /** Whether sign-ins of this name from this source wait now: too many failures for the name there, or from the source. */
    public boolean locked(String name, String source) {
        return locked(name, source, clock.instant());
    }

    /**
     * The source an attempt is counted under: the client's address, an IPv6 one cut to its /64
     * network (one host or home gets a whole /64, so single addresses would be free to change).
     */
    public static String sourceOf(String remoteAddress) {
        String literal = String.valueOf(remoteAddress).replaceAll("^\\[|\\]$", "");
        if (!literal.contains(":")) {
            return literal;
        }
        try {
            // With a ':' this is read as an IPv6 literal, never looked up in DNS.
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address) {
                byte[] network = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    private boolean locked(String name, String source, Instant now) {
        return lockedKey(nameAtSource(name, source), now) || lockedKey(wholeSource(source), now);
    }

    private boolean lockedKey(String key, Instant now) {
        Failures f = failures.get(key);
        return f != null && f.lockedAt(now);
    }

    private void countFailure(String key, int limit, Instant now) {
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> !f.lockedAt(now));
        }
        failures.compute(key, (k, f) -> {
            int count = (f == null || f.lockedUntil() != null && !f.lockedAt(now) ? 0 : f.count()) + 1;
            return new Failures(count, count >= limit ? now.plus(LOCK) : null);
        });
    }

    private static String nameAtSource(String name, String source) {
        return name + "\n" + source;
    }

    private static String wholeSource(String source) {
        return "\n" + source;
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
