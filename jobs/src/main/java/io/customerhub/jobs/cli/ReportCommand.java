package io.customerhub.jobs.cli;

import io.customerhub.jobs.report.ReportAction;
import io.customerhub.jobs.report.RunMetrics;
import io.customerhub.jobs.spark.HubSpark;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the run report: report.html (self-contained, charts, opens offline) and metrics.json, with counts per",
                "source and step, quarantine reasons, pairs per rule, decisions, match weights, cluster sizes, model weights,",
                "golden id merges/splits and durations. No customer values. Adds a 'report' row to the runs table."})
public final class ReportCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder or Hadoop URI for the report (default: <hub-root>/reports/<run-id>).")
    String out;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        ReportAction.Result result = new ReportAction(HubSpark.session("hub-report"),
                new ReportAction.Options(hub.tables(), hub.runId(), out)).execute();
        System.out.println(summary(result));
        return EXIT_OK;
    }

    /** Where the report is and whether its checks passed; counts only. */
    static String summary(ReportAction.Result r) {
        RunMetrics m = r.metrics();
        String checks = m.checksFailed() == 0 ? "all " + m.checks().size() + " checks passed"
                : m.checksFailed() + " of " + m.checks().size() + " checks FAILED (see the report)";
        return String.format(Locale.ROOT, "report: %s; %s%n  open %s (metrics: %s)", m.runId(), checks, r.htmlPath(), r.metricsPath());
    }
}
