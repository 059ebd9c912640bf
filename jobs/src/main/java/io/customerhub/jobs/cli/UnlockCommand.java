package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubLock;
import io.customerhub.jobs.table.LockHolder;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Show which run holds the hub lock (one writer per hub); --force breaks it.",
                "Break it only when its process is gone and you cannot wait: a crashed writer's lock is taken over anyway once its lease ends."})
public final class UnlockCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--force", description = "Delete the lock folder <hub-root>/_lock, whoever holds it.")
    boolean force;

    @Override
    protected int run() {
        try {
            Optional<LockHolder> owner = HubLock.owner(hub.tables(), hadoopConfiguration());
            System.out.println(owner.map(o -> "hub lock: held by " + o.describe()).orElse("hub lock: not held"));
            if (force) {
                HubLock.breakLock(hub.tables(), hadoopConfiguration());
                System.out.println("hub lock: broken (" + HubLock.lockDir(hub.tables()) + " deleted)");
            } else if (owner.isPresent()) {
                System.out.println("  if that process is gone and you cannot wait for its lease to end: hub unlock --force");
            }
            return EXIT_OK;
        } catch (IOException e) {
            throw HubException.of("cannot read the hub lock under " + HubLock.lockDir(hub.tables()), e.getMessage(),
                    "check that the hub root is reachable", e);
        }
    }
}
