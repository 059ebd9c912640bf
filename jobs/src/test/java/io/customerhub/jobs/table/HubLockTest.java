package io.customerhub.jobs.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.jobs.HubException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub lock on a real local file system, without Spark. */
class HubLockTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path tempDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private HubTables hub() {
        return new HubTables(tempDir.resolve("hub").toString());
    }

    private HubLock acquire(String runId, String command) {
        return HubLock.acquire(hub(), runId, command, LEASE, new Configuration(), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private Path lockFile() {
        return tempDir.resolve("hub/_lock/hub.lock");
    }

    @Test
    void aLockFileRoundTripsAndACutShortOneIsNotRead() {
        Instant now = Instant.parse("2026-12-07T22:00:00Z");
        LockHolder holder = LockHolder.starting("2026-12-07", "nightly", "node-1", 4242, now, Duration.ofMinutes(5));

        assertThat(LockHolder.parse(holder.format())).contains(holder);
        assertThat(holder.leaseUntil()).isEqualTo(Instant.parse("2026-12-07T22:05:00Z"));
        assertThat(holder.live(now.plusSeconds(299))).isTrue();
        assertThat(holder.live(now.plusSeconds(300))).isFalse();
        assertThat(holder.renewed(now.plusSeconds(240), Duration.ofMinutes(5)).leaseUntil()).isEqualTo(Instant.parse("2026-12-07T22:09:00Z"));
        String text = holder.format();
        assertThat(LockHolder.parse(text.substring(0, text.indexOf("lease_until")))).isEmpty();
        assertThat(LockHolder.parse("")).isEmpty();
    }

    @Test
    void aSecondRunIsRefusedWithTheOwnerAndItsLeaseUntilTheFirstReleases() {
        HubLock first = acquire("run-a", "nightly");
        assertThat(lockFile()).isRegularFile();

        assertThatThrownBy(() -> acquire("run-b", "golden"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("the hub is being written by run run-a (hub nightly, pid " + ProcessHandle.current().pid())
                .hasMessageContaining("its lease ends at ")
                .hasMessageContaining("cause: ").hasMessageContaining("fix: ");
        first.close();

        assertThat(lockFile()).doesNotExist();
        assertThat(tempDir.resolve("hub/_lock/holders")).isEmptyDirectory();
        try (HubLock second = acquire("run-b", "golden")) {
            assertThat(LockHolder.parse(read(lockFile())).orElseThrow().runId()).isEqualTo("run-b");
        }
    }

    @Test
    void processesOfOneRunShareTheLockUntilTheLastLeaves() {
        HubLock ingestCrm = acquire("run-a", "ingest");
        HubLock ingestWeb = acquire("run-a", "ingest");

        ingestCrm.close();
        assertThatThrownBy(() -> acquire("run-b", "ingest")).hasMessageContaining("being written by run run-a");
        ingestWeb.close();

        assertThat(lockFile()).doesNotExist();
        acquire("run-b", "ingest").close();
    }

    @Test
    void aStaleLockOfACrashedRunIsTakenOverAndSaidSo() throws IOException {
        Instant crashed = Instant.now().minus(Duration.ofHours(1));
        LockHolder dead = LockHolder.starting("run-a", "nightly", "node-1", 99, crashed, LEASE);
        Files.createDirectories(tempDir.resolve("hub/_lock/holders"));
        Files.writeString(lockFile(), dead.format());
        Files.writeString(tempDir.resolve("hub/_lock/holders/holder-dead"), dead.renewed(crashed.plusSeconds(600), LEASE).format());

        try (HubLock lock = acquire("run-b", "nightly")) {
            assertThat(LockHolder.parse(read(lockFile())).orElseThrow().runId()).isEqualTo("run-b");
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("taking over the stale lock of run run-a (hub nightly, pid 99 on node-1",
                "its lease ended at " + crashed.plusSeconds(600).plus(LEASE));
        assertThat(tempDir.resolve("hub/_lock/holders/holder-dead")).doesNotExist();
    }

    @Test
    void aLiveHolderKeepsALockWhoseOwnLeaseEndedAlive() throws IOException {
        Instant started = Instant.now().minus(Duration.ofHours(1));
        LockHolder owner = LockHolder.starting("run-a", "nightly", "node-1", 99, started, LEASE);
        Files.createDirectories(tempDir.resolve("hub/_lock/holders"));
        Files.writeString(lockFile(), owner.format());
        // Its heartbeat renewed the holder file a moment ago.
        Files.writeString(tempDir.resolve("hub/_lock/holders/holder-live"), owner.renewed(Instant.now(), LEASE).format());

        assertThatThrownBy(() -> acquire("run-b", "golden")).hasMessageContaining("being written by run run-a");
        assertThat(LockHolder.parse(read(lockFile())).orElseThrow().runId()).isEqualTo("run-a");
    }

    @Test
    void theHeartbeatRenewsTheLeaseWhileTheWriterRuns() throws InterruptedException {
        Duration shortLease = Duration.ofSeconds(3);
        try (HubLock lock = HubLock.acquire(hub(), "run-a", "nightly", shortLease, new Configuration(), new PrintStream(out))) {
            Thread.sleep(shortLease.plusSeconds(2).toMillis());

            assertThatThrownBy(() -> acquire("run-b", "golden")).hasMessageContaining("being written by run run-a");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("taking over");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
