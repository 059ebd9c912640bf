package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import io.customerhub.reader.GoldenChanges;
import io.customerhub.reader.GoldenLookup;
import io.customerhub.reader.GoldenReader;
import io.customerhub.reader.GoldenRow;
import io.customerhub.reader.HubReaderException;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = {"Read a golden record without Spark (Delta Kernel), as a channel service does:",
                "by golden id (a retired id is followed to its live successor), by source record, or the changes since a version."})
public final class LookupCommand extends HubCommand {

    @Option(names = "--hub-root", paramLabel = "URI", defaultValue = "${env:HUB_ROOT:-./hub-data}",
            description = "Hub root (env HUB_ROOT; default ${DEFAULT-VALUE}).")
    String hubRoot;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    static final class Query {
        @Option(names = "--golden-id", paramLabel = "ID", description = "The golden record of this id.")
        String goldenId;

        @Option(names = "--source-id", paramLabel = "ID", description = "The golden record of this source record (needs --source).")
        String sourceId;

        @Option(names = "--changes-since", paramLabel = "VERSION", description = "Golden rows changed or removed after this golden table version.")
        Long changesSince;
    }

    @Option(names = "--source", paramLabel = "SYSTEM", description = "Source system of --source-id.")
    String source;

    @Override
    protected int run() {
        try {
            GoldenReader reader = GoldenReader.open(hubRoot);
            if (query.changesSince != null) {
                GoldenChanges changes = reader.changesSince(query.changesSince);
                System.out.printf("golden changes from version %d to %d: %d inserted or changed, %d removed%n", changes.fromVersion(),
                        changes.toVersion(), changes.upserted().size(), changes.removedIds().size());
                changes.upserted().forEach(row -> System.out.println("changed " + row.goldenId()));
                changes.removedIds().forEach(id -> System.out.println("removed " + id));
                return EXIT_OK;
            }
            Optional<GoldenLookup> found;
            if (query.goldenId != null) {
                found = reader.byGoldenId(query.goldenId);
            } else {
                if (source == null || source.isBlank()) {
                    throw HubException.of("--source-id needs --source", "a source id is only unique within its source system",
                            "pass --source <system> --source-id <id>");
                }
                found = reader.bySourceRecord(source, query.sourceId);
            }
            if (found.isEmpty()) {
                throw HubException.of("no golden record found", "the id or source record is unknown to the hub (or was erased)",
                        "check the id; `hub export xref` lists the source records");
            }
            System.out.print(format(found.get()));
            return EXIT_OK;
        } catch (HubReaderException e) {
            throw HubException.of("cannot read the hub at " + hubRoot, e.getMessage(), "see above", e);
        }
    }

    static String format(GoldenLookup lookup) {
        StringBuilder out = new StringBuilder();
        if (lookup.redirected()) {
            out.append("redirected: ").append(String.join(" -> ", lookup.redirectedFrom())).append(" -> ")
                    .append(lookup.row().goldenId()).append(" (retired ids point to their successor)\n");
        }
        out.append("golden table version ").append(lookup.goldenVersion()).append('\n');
        GoldenRow row = lookup.row();
        row.values().forEach((column, value) -> out.append(String.format("%-28s %s%n", column, value == null ? "" : value)));
        return out.toString();
    }
}
