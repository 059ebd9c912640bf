package io.customerhub.jobs.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.jobs.HubException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in without a server: password hashes, the users file, lockout by name and source and by source, token accounts. */
class StewardAccountsTest {

    private static final String HERE = "192.0.2.1";
    private static final String ELSEWHERE = "198.51.100.7";

    @TempDir
    Path dir;

    @Test
    void aHashVerifiesItsPasswordOnlyAndNeverHoldsIt() {
        String hash = PasswordHash.hash("correct horse battery".toCharArray());
        assertThat(hash).startsWith("pbkdf2-sha256$600000$").doesNotContain("correct");
        assertThat(PasswordHash.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.verify("correct horse batterY".toCharArray(), hash)).isFalse();
        assertThat(PasswordHash.hash("correct horse battery".toCharArray())).as("a fresh salt each time").isNotEqualTo(hash);
        assertThat(PasswordHash.verify("x".toCharArray(), "plain-text-password")).isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), "pbkdf2-sha256$1$%%%$abc")).isFalse();
        assertThat(PasswordHash.isWellFormed(hash)).isTrue();
        assertThat(PasswordHash.isWellFormed("pbkdf2-sha256$0$AA==$AA==")).isFalse();
    }

    @Test
    void theUsersFileSignsStewardsInAndLocksANameAfterRepeatedFailures() throws Exception {
        Path users = dir.resolve("conf/stewards.json");
        StewardAccounts.setPassword(users, "alice", "correct horse battery".toCharArray());
        StewardAccounts.setPassword(users, "bob", "another long secret".toCharArray());
        StewardAccounts.setPassword(users, "alice", "a changed passphrase".toCharArray());
        assertThat(Files.readString(users)).contains("\"alice\"", "\"bob\"", "pbkdf2-sha256$").doesNotContain("passphrase", "secret");

        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        StewardAccounts accounts = StewardAccounts.fromFile(users).withClock(clock);
        assertThat(accounts.size()).isEqualTo(2);
        assertThat(accounts.signIn("alice", "correct horse battery", HERE)).as("the old password is replaced").isEmpty();
        assertThat(accounts.signIn("alice", "a changed passphrase", HERE)).contains("alice");
        assertThat(accounts.signIn("mallory", "a changed passphrase", HERE)).as("unknown name").isEmpty();
        assertThat(accounts.signIn("bob<script>", "x", HERE)).isEmpty();

        for (int i = 0; i < StewardAccounts.MAX_FAILURES; i++) {
            assertThat(accounts.signIn("bob", "guess " + i, HERE)).isEmpty();
        }
        assertThat(accounts.locked("bob", HERE)).isTrue();
        assertThat(accounts.signIn("bob", "another long secret", HERE)).as("locked: even the right password waits").isEmpty();
        assertThat(accounts.signIn("alice", "a changed passphrase", HERE)).as("other names are not locked").contains("alice");
        assertThat(accounts.locked("bob", ELSEWHERE)).as("a stranger's failures do not lock bob out elsewhere").isFalse();
        assertThat(accounts.signIn("bob", "another long secret", ELSEWHERE)).contains("bob");
        now.set(now.get().plus(StewardAccounts.LOCK).plus(Duration.ofSeconds(1)));
        assertThat(accounts.locked("bob", HERE)).isFalse();
        assertThat(accounts.signIn("bob", "another long secret", HERE)).contains("bob");
    }

    @Test
    void oneSourceTryingManyNamesIsLockedWhateverTheName() throws Exception {
        Path users = dir.resolve("stewards.json");
        StewardAccounts.setPassword(users, "alice", "correct horse battery".toCharArray());
        StewardAccounts accounts = StewardAccounts.fromFile(users);
        for (int i = 0; i < StewardAccounts.MAX_SOURCE_FAILURES; i++) {
            assertThat(accounts.signIn("user" + i, "guess", HERE)).isEmpty();
        }
        assertThat(accounts.locked("alice", HERE)).as("a name never tried from this source").isTrue();
        assertThat(accounts.signIn("alice", "correct horse battery", HERE)).isEmpty();
        assertThat(accounts.signIn("alice", "correct horse battery", ELSEWHERE)).contains("alice");
    }

    @Test
    void attemptsAreCountedPerAddressAndPerIpv6Network() {
        assertThat(StewardAccounts.sourceOf("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(StewardAccounts.sourceOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo(StewardAccounts.sourceOf("[2001:db8:1:2::9]"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(StewardAccounts.sourceOf("2001:db8:1:3::1")).isNotEqualTo(StewardAccounts.sourceOf("2001:db8:1:2::1"));
        assertThat(StewardAccounts.sourceOf("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void aTokenAccountSignsInOneStewardWithTheTokenOnly() {
        StewardAccounts accounts = StewardAccounts.withToken("carol");
        String token = accounts.token().orElseThrow();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(accounts.signIn("carol", token, HERE)).contains("carol");
        assertThat(accounts.signIn("dave", token, HERE)).isEmpty();
        assertThat(accounts.signIn("carol", token + "x", HERE)).isEmpty();
        assertThat(StewardAccounts.withToken("carol").token()).as("a new token per start").isNotEqualTo(accounts.token());
    }

    @Test
    void theStewardCommandAddsUsersFromStandardInputAndRefusesToServeWithoutSignIn() {
        Path users = dir.resolve("stewards.json");
        java.io.InputStream oldIn = System.in;
        io.customerhub.jobs.cli.CliRun added;
        try {
            System.setIn(new java.io.ByteArrayInputStream("a long enough passphrase\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            added = io.customerhub.jobs.cli.CliRun.hub("steward", "add-user", "dana", "--users", users.toString());
        } finally {
            System.setIn(oldIn);
        }
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("steward dana can sign in").doesNotContain("passphrase");
        assertThat(StewardAccounts.fromFile(users).signIn("dana", "a long enough passphrase", HERE)).contains("dana");

        io.customerhub.jobs.cli.CliRun noSignIn = io.customerhub.jobs.cli.CliRun.hub("steward", "--hub-root", dir.toString());
        assertThat(noSignIn.exitCode()).isEqualTo(1);
        assertThat(noSignIn.err()).contains("no way to sign in was given", "--users FILE", "--token-user NAME");
        io.customerhub.jobs.cli.CliRun both = io.customerhub.jobs.cli.CliRun.hub("steward", "--users", users.toString(), "--token-user", "x");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void badUsersFilesAndWeakPasswordsAreRefusedWithTheFix() throws Exception {
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> StewardAccounts.fromFile(missing)).isInstanceOf(HubException.class)
                .hasMessageContaining("cannot read the users file").hasMessageContaining("hub steward add-user");
        Path plain = Files.writeString(dir.resolve("plain.json"), "{\"stewards\": [{\"name\": \"alice\", \"password_hash\": \"hunter2\"}]}");
        assertThatThrownBy(() -> StewardAccounts.fromFile(plain)).isInstanceOf(HubException.class)
                .hasMessageContaining("alice").hasMessageContaining("no valid password_hash").hasMessageNotContaining("hunter2");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"stewards\": []}");
        assertThatThrownBy(() -> StewardAccounts.fromFile(empty)).isInstanceOf(HubException.class).hasMessageContaining("lists no steward");
        Path wrongShape = Files.writeString(dir.resolve("shape.json"), "[1, 2]");
        assertThatThrownBy(() -> StewardAccounts.fromFile(wrongShape)).isInstanceOf(HubException.class).hasMessageContaining("no \"stewards\" list");
        assertThatThrownBy(() -> StewardAccounts.setPassword(dir.resolve("u.json"), "alice", "short".toCharArray()))
                .isInstanceOf(HubException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> StewardAccounts.setPassword(dir.resolve("u.json"), "al ice", "long enough password".toCharArray()))
                .isInstanceOf(HubException.class).hasMessageContaining("not a valid steward name");
        assertThat(dir.resolve("u.json")).doesNotExist();
    }
}
