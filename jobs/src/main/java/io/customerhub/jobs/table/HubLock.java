package io.customerhub.jobs.table;

import io.customerhub.jobs.HubException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer per hub: {@code <root>/_lock/hub.lock} names the run that writes the hub, created
 * with overwrite=false and read back (the file systems where that create is not atomic keep the
 * last writer's content). Processes of that run id share it (Airflow
 * ingests sources side by side under one run id); each keeps a holder file under
 * {@code _lock/holders/} whose lease a daemon heartbeat renews. A run whose holders' leases have all
 * ended crashed: its lock is stale and the next writer takes it over. The last holder of a run
 * removes the lock when it closes.
 */
public final class HubLock implements AutoCloseable {

    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    private static final int MAX_ATTEMPTS = 5;

    private final FileSystem fs;
    private final Path lockFile;
    private final Path holders;
    private final Path holderFile;
    private final Duration lease;
    private volatile LockHolder self;
    private ScheduledExecutorService heartbeat;
    private Thread shutdownHook;
    private boolean released;

    private HubLock(FileSystem fs, Path lockDir, LockHolder self, Duration lease) {
        this.fs = fs;
        this.lockFile = new Path(lockDir, "hub.lock");
        this.holders = new Path(lockDir, "holders");
        this.holderFile = new Path(holders, "holder-" + UUID.randomUUID());
        this.self = self;
        this.lease = lease;
    }

    /** The lock folder of a hub: delete it to break a lock by hand (README: One writer per hub). */
    public static Path lockDir(HubTables tables) {
        return new Path(tables.root(), "_lock");
    }

    /**
     * Takes the hub lock for {@code runId}, or joins it when that run holds it already.
     *
     * @throws HubException when another run holds a live lock
     */
    public static HubLock acquire(HubTables tables, String runId, String command, Duration lease, Configuration conf, PrintStream out) {
        Path dir = lockDir(tables);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            HubLock lock = new HubLock(fs, dir, LockHolder.starting(runId, command, host(), ProcessHandle.current().pid(), Instant.now(), lease), lease);
            lock.take(out);
            return lock;
        } catch (IOException e) {
            throw HubException.of("cannot take the hub lock under " + dir, e.getMessage(),
                    "check that the hub root is reachable and writable", e);
        }
    }

    /** Who holds the hub lock now, if anyone (for messages and `hub unlock`). */
    public static Optional<LockHolder> owner(HubTables tables, Configuration conf) throws IOException {
        Path dir = lockDir(tables);
        FileSystem fs = dir.getFileSystem(conf);
        return read(fs, new Path(dir, "hub.lock"));
    }

    /** Deletes the lock folder, whoever holds the lock (`hub unlock --force`). */
    public static void breakLock(HubTables tables, Configuration conf) throws IOException {
        Path dir = lockDir(tables);
        dir.getFileSystem(conf).delete(dir, true);
    }

    private void take(PrintStream out) throws IOException {
        // The holder file first: a releasing holder of this run then sees us before it removes the lock.
        write(holderFile, self, false);
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Optional<LockHolder> current = read(fs, lockFile);
                if (current.isEmpty()) {
                    if (!write(lockFile, self, false)) {
                        removeIfUnreadableAndOld(lockFile, out);
                        pause();
                        continue; // another writer created it first, or is writing it: look at whose it is
                    }
                    if (read(fs, lockFile).filter(self::sameHolder).isEmpty()) {
                        // Where create-if-absent is not atomic (local disks check, then create), the last writer's content wins.
                        pause();
                        continue;
                    }
                    Optional<LockHolder> rival = holdersNow().stream().filter(h -> !h.runId().equals(self.runId()) && h.live(Instant.now())).findFirst();
                    if (rival.isPresent()) {
                        // A writer of another run is between its own check and ours: both step back rather than both write.
                        if (read(fs, lockFile).filter(self::sameHolder).isPresent()) {
                            fs.delete(lockFile, false);
                        }
                        throw busy(rival.get(), rival.get().leaseUntil());
                    }
                    startHeartbeat();
                    return;
                }
                LockHolder owner = current.get();
                if (owner.runId().equals(self.runId())) {
                    startHeartbeat();
                    return;
                }
                Instant leaseEnd = leaseEnd(owner);
                if (leaseEnd.isAfter(Instant.now())) {
                    throw busy(owner, leaseEnd);
                }
                out.println("hub lock: taking over the stale lock of " + owner.describe() + "; its lease ended at " + leaseEnd
                        + " (the process crashed or was killed); the steps of that run can be rerun with its run id");
                removeStale(owner);
            }
            throw HubException.of("cannot take the hub lock under " + lockFile.getParent(),
                    "it changed hands " + MAX_ATTEMPTS + " times while this command tried to take it",
                    "wait for the other writers (`hub runs`), then run the command again");
        } catch (IOException | RuntimeException e) {
            fs.delete(holderFile, false);
            throw e;
        }
    }

    private HubException busy(LockHolder owner, Instant leaseEnd) {
        return HubException.of("the hub is being written by " + owner.describe(),
                "one writer per hub: its lock " + lockFile + " is held, its lease ends at " + leaseEnd + " unless renewed",
                "wait until that run finishes (`hub runs --run-id " + owner.runId() + "`) and run this command again; if that process is gone,"
                        + " the lock is taken over once its lease ends, or delete " + lockFile.getParent() + " by hand");
    }

    /**
     * The latest lease of the owner's run: its lock file's and that of every holder of the run. A
     * holder file caught half written (its heartbeat rewriting it) counts for a lease from its last write.
     */
    private Instant leaseEnd(LockHolder owner) throws IOException {
        Instant end = owner.leaseUntil();
        for (FileStatus file : listHolders()) {
            Optional<LockHolder> holder = read(fs, file.getPath());
            Instant holderEnd = holder.isPresent()
                    ? holder.get().runId().equals(owner.runId()) ? holder.get().leaseUntil() : Instant.MIN
                    : Instant.ofEpochMilli(file.getModificationTime()).plus(lease);
            end = holderEnd.isAfter(end) ? holderEnd : end;
        }
        return end;
    }

    /** A lock file left empty or cut short by a crash while it was created: removed once it is older than a lease. */
    private void removeIfUnreadableAndOld(Path path, PrintStream out) throws IOException {
        try {
            FileStatus status = fs.getFileStatus(path);
            if (read(fs, path).isEmpty() && Instant.ofEpochMilli(status.getModificationTime()).plus(lease).isBefore(Instant.now())) {
                out.println("hub lock: removing the unreadable lock file " + path + " left by a crash");
                fs.delete(path, false);
            }
        } catch (java.io.FileNotFoundException gone) {
            // released meanwhile
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100 + (long) (Math.random() * 200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeStale(LockHolder owner) throws IOException {
        for (FileStatus file : listHolders()) {
            Optional<LockHolder> holder = read(fs, file.getPath());
            if (holder.isPresent() && holder.get().runId().equals(owner.runId())) {
                fs.delete(file.getPath(), false);
            }
        }
        // Only the lock judged stale: another writer may have replaced it meanwhile.
        if (read(fs, lockFile).filter(owner::sameHolder).isPresent()) {
            fs.delete(lockFile, false);
        }
    }

    /** Every holder file readable now. */
    private List<LockHolder> holdersNow() throws IOException {
        List<LockHolder> all = new ArrayList<>();
        for (FileStatus file : listHolders()) {
            Optional<LockHolder> holder = read(fs, file.getPath());
            if (holder.isPresent()) {
                all.add(holder.get());
            }
        }
        return all;
    }

    private FileStatus[] listHolders() throws IOException {
        try {
            return fs.listStatus(holders);
        } catch (java.io.FileNotFoundException e) {
            return new FileStatus[0];
        }
    }

    private void startHeartbeat() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 5);
        heartbeat.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        shutdownHook = new Thread(this::close, "hub-lock-release");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void renew() {
        try {
            self = self.renewed(Instant.now(), lease);
            write(holderFile, self, true);
            // The last holder of this run may have removed the lock just as this process joined: claim it again.
            if (!fs.exists(lockFile)) {
                write(lockFile, self, false);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: cannot renew the hub lock lease in " + holderFile + ": " + e);
        }
    }

    /** Leaves the lock; the last holder of the run removes it. Called at the end, on failure, and at JVM shutdown. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway and finds the lock released
            }
        }
        try {
            fs.delete(holderFile, false);
            boolean othersOfThisRun = holdersNow().stream().anyMatch(h -> h.runId().equals(self.runId()));
            if (!othersOfThisRun && read(fs, lockFile).filter(owner -> owner.runId().equals(self.runId())).isPresent()) {
                fs.delete(lockFile, false);
            }
        } catch (IOException e) {
            System.err.println("warning: cannot release the hub lock " + lockFile + " (" + e.getMessage()
                    + "); it is taken over when its lease ends, or delete " + lockFile.getParent());
        }
    }

    /** Writes a lock file; false when {@code overwrite} is off and the file exists. */
    private boolean write(Path path, LockHolder holder, boolean overwrite) throws IOException {
        try (OutputStream stream = fs.create(path, overwrite)) {
            stream.write(holder.format().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (!overwrite && fs.exists(path)) {
                return false; // some file systems report an existing file with a plain IOException
            }
            throw e;
        }
    }

    private static Optional<LockHolder> read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return LockHolder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
