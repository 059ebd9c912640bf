package io.customerhub.jobs.cli;

import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.table.HubTables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/** Options every job shares. Precedence: command line, then environment (HUB_ROOT, HUB_RUN_ID), then default. */
public final class HubOptions {

    @Option(names = "--hub-root", paramLabel = "URI",
            description = "Folder or Hadoop URI holding the hub's Delta tables (env HUB_ROOT; default ${DEFAULT-VALUE}).",
            defaultValue = "${env:HUB_ROOT:-./hub-data}")
    String hubRoot;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id; scheduled runs pass their logical date. Rerunning an id replaces its output (env HUB_RUN_ID; default: today's UTC date).",
            defaultValue = "${env:HUB_RUN_ID}")
    String runId;

    public HubTables tables() {
        return new HubTables(hubRoot);
    }

    public String runId() {
        String id = runId == null || runId.isBlank() ? LocalDate.now(ZoneOffset.UTC).toString() : runId;
        return IngestOptions.requireValidRunId(id);
    }
}
