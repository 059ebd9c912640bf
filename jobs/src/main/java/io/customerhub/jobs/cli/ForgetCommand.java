package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.forget.ForgetAction;
import io.customerhub.jobs.forget.ForgetResult;
import io.customerhub.jobs.forget.SourceKey;
import io.customerhub.jobs.spark.HubSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"GDPR erasure: delete a person from every hub table (bronze, quarantine, records, pairs, xref, golden,",
                "golden_id_history, steward_decisions, review_queue), record it in the erasures table without personal data,",
                "and drop the erased records from later extracts at ingest. --vacuum also purges older table versions.",
                "An erasure that was killed part-way is finished by the next `hub forget` or `hub nightly`."})
public final class ForgetCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--golden-id", paramLabel = "ID", description = "Erase every record of this golden id (repeatable).")
    List<String> goldenIds = new ArrayList<>();

    @Option(names = "--source", paramLabel = "SYSTEM", description = "Source system of the --source-id values.")
    String source;

    @Option(names = "--source-id", paramLabel = "ID", description = "Erase this source record (repeatable; needs --source).")
    List<String> sourceIds = new ArrayList<>();

    @Option(names = "--ids-file", paramLabel = "FILE",
            description = "One person per line: golden:<golden_id> or <source_system>/<source_id>; # starts a comment.")
    Path idsFile;

    @Option(names = "--reason", required = true, paramLabel = "CODE",
            description = "Reason code kept in the erasures table (letters, digits, . _ : -; e.g. gdpr-art17-ticket-4711). No personal data.")
    String reason;

    @Option(names = "--vacuum", description = "VACUUM the touched tables with zero retention afterwards and drop their transaction log "
            + "entries before a fresh checkpoint, so time travel, the change data feed and old file statistics no longer hold the erased "
            + "rows (run it when no other hub job is writing).")
    boolean vacuum;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        List<String> golden = new ArrayList<>(goldenIds);
        List<SourceKey> records = new ArrayList<>();
        if (!sourceIds.isEmpty() && (source == null || source.isBlank())) {
            throw HubException.of("--source-id needs --source", "a source id is only unique within its source system",
                    "pass --source <system> --source-id <id>");
        }
        sourceIds.forEach(id -> records.add(new SourceKey(source, id)));
        if (idsFile != null) {
            readIdsFile(golden, records);
        }
        ForgetResult r = new ForgetAction(HubSpark.session("hub-forget"),
                new ForgetAction.Options(hub.tables(), hub.runId(), golden, records, reason, vacuum)).execute();
        System.out.print(summary(r));
        return EXIT_OK;
    }

    private void readIdsFile(List<String> golden, List<SourceKey> records) {
        try {
            for (String line : Files.readAllLines(idsFile)) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                if (entry.startsWith("golden:")) {
                    golden.add(entry.substring("golden:".length()).strip());
                } else {
                    records.add(SourceKey.parse(entry));
                }
            }
        } catch (IOException e) {
            throw HubException.of("cannot read --ids-file " + idsFile, e.getMessage(), "check the path", e);
        }
    }

    static String summary(ForgetResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "erasure %s (reason %s): %d source records, %d golden ids erased, %d golden rows to rebuild%n",
                r.erasureId(), r.reasonCode(), r.recordsErased(), r.goldenIdsErased(), r.goldenRowsToRebuild()));
        out.append(String.format(Locale.ROOT, "%-36s %10s %8s%n", "table", "deleted", "version"));
        new TreeMap<>(r.deletedRows()).forEach((table, n) -> out.append(String.format(Locale.ROOT, "%-36s %10d %8s%n", table, n,
                r.tableVersions().containsKey(table) ? String.valueOf(r.tableVersions().get(table)) : "-")));
        if (!r.skippedTables().isEmpty()) {
            out.append("not present (skipped): ").append(String.join(", ", r.skippedTables())).append('\n');
        }
        out.append(r.suppressionHashes().size()).append(" source records are suppressed at later ingests (keyed hashes in the erasures table)\n");
        if (r.goldenRowsToRebuild() > 0) {
            out.append("golden rows of clusters that keep other records were deleted: the next golden step rebuilds them\n");
        }
        if (r.vacuumed()) {
            out.append("vacuumed with zero retention: ").append(String.join(", ", r.toVacuum()))
                    .append("\n  older versions of these tables can no longer be read (time travel and change data feed of the erased rows are gone)")
                    .append("\n  and their transaction logs start at a fresh checkpoint (older commits' file statistics are gone)\n");
        } else if (!r.toVacuum().isEmpty()) {
            out.append("to purge history, VACUUM these tables: ").append(String.join(", ", r.toVacuum()))
                    .append("\n  until then their older versions (time travel) and change data feed still hold the erased rows;")
                    .append("\n  rerun with --vacuum (zero retention: it sets spark.databricks.delta.retentionDurationCheck.enabled=false")
                    .append(" for the call; run it when no other job writes the hub)\n");
        }
        out.append("the source extract files outside the hub are the data engineer's responsibility: erase the person there too\n");
        return out.toString();
    }
}
