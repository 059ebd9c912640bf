package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.golden.GoldenAction;
import io.customerhub.jobs.golden.GoldenResult;
import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.matching.survivorship.SurvivorshipException;
import io.customerhub.matching.survivorship.SurvivorshipSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "golden", mixinStandardHelpOptions = true,
        description = {"Survivorship per attribute and consent per purpose -> one golden row per golden id, merged into the golden table.",
                "Only changed customers are rewritten (the Change Data Feed lists exactly them); retired ids point to their successor.",
                "Survivorship runs only for golden ids whose records or clusters changed since the last golden run; for all of them"
                        + " on a new golden table or when the survivorship settings or the contracts' trust changed."})
public final class GoldenCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--contracts", paramLabel = "PATH", required = true,
            description = "Directory of source contracts (*.json), or one contract file: their trust ranks the sources per attribute.")
    String contracts;

    @Mixin
    GoldenOptions golden;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        SparkSession spark = HubSpark.session("hub-golden");
        GoldenResult r = new GoldenAction(spark, golden.options(spark, hub, contracts)).execute();
        System.out.println(r.summary());
        return EXIT_OK;
    }

    /** Options shared by golden and nightly. */
    public static final class GoldenOptions {
        @Option(names = "--survivorship", paramLabel = "FILE",
                description = "Survivorship rules per attribute (JSON); attributes it does not name keep the built-in defaults.")
        String survivorship;

        GoldenAction.Options options(SparkSession spark, HubOptions hub, String contracts) {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            SurvivorshipSettings settings = settings(conf);
            var trust = GoldenAction.trustFrom(ContractLoader.loadAll(contracts, conf).stream().map(ContractLoader.LoadedContract::contract).toList());
            return new GoldenAction.Options(hub.tables(), hub.runId(), trust, settings);
        }

        private SurvivorshipSettings settings(Configuration conf) {
            if (survivorship == null) {
                return SurvivorshipSettings.defaults();
            }
            Path path = new Path(survivorship);
            try (InputStream in = path.getFileSystem(conf).open(path)) {
                return SurvivorshipSettings.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw HubException.of("cannot read survivorship settings " + survivorship, e.getMessage(), "check the path of --survivorship", e);
            } catch (SurvivorshipException e) {
                throw HubException.of("survivorship settings " + survivorship + " are invalid", e.getMessage(),
                        "correct the file (README: Golden table), or leave --survivorship out for the defaults");
            }
        }
    }
}
