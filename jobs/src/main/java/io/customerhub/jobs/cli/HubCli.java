package io.customerhub.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hub} command line: one subcommand per job. */
@Command(name = "hub", mixinStandardHelpOptions = true, version = "Customer Hub 0.1.0",
        description = "Master customer data hub: ingest silos, resolve identities, publish golden records.",
        subcommands = {DemoCommand.class, io.customerhub.jobs.generate.GenerateCommand.class, IngestCommand.class, StandardizeCommand.class, MatchCommand.class,
                ClusterCommand.class, GoldenCommand.class, NightlyCommand.class, TrainCommand.class, BlockingReportCommand.class, io.customerhub.jobs.evaluate.EvaluateCommand.class, CheckContractCommand.class, ExportCommand.class, RunsCommand.class, ReportCommand.class,
                ReviewCommand.class, StewardCommand.class,
                ForgetCommand.class, LookupCommand.class,
                PromoteModelCommand.class, UnlockCommand.class,
                CommandLine.HelpCommand.class})
public final class HubCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HubCli()).execute(args));
    }
}
