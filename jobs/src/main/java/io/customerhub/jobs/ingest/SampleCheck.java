package io.customerhub.jobs.ingest;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.contract.SourceContract;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Validates the first rows of a CSV or JSON Lines sample against a contract without Spark, so a
 * data engineer can try a contract before the first run. Reports counts, never values.
 */
public final class SampleCheck {

    /** Counts from a sample: rows read, accepted, quarantined per reason, and warnings seen. */
    public record Report(long read, long accepted, Map<QuarantineReason, Long> quarantined, Map<String, Long> warnings,
                         Map<QuarantineReason, String> firstDetail) {
    }

    private SampleCheck() {
    }

    public static Report check(SourceContract contract, String samplePath, int limit, Configuration conf) {
        if (!"csv".equals(contract.format()) && !"jsonl".equals(contract.format())) {
            throw HubException.of("sample checks read csv and jsonl only", "source '" + contract.name() + "' is " + contract.format(),
                    "run `hub ingest --source " + contract.name() + "` on a test hub root to check a " + contract.format() + " extract");
        }
        Path path = new Path(samplePath);
        RowValidator validator = new RowValidator(contract);
        long read = 0;
        long accepted = 0;
        Map<QuarantineReason, Long> quarantined = new EnumMap<>(QuarantineReason.class);
        Map<QuarantineReason, String> firstDetail = new EnumMap<>(QuarantineReason.class);
        Map<String, Long> warnings = new TreeMap<>();
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            Iterator<ExtractRecord> records = "csv".equals(contract.format())
                    ? new CsvExtractReader(in, contract.charset(), contract.csvOptions(), samplePath, RawTextMask.of(contract))
                    : new JsonLinesExtractReader(in, contract.charset(), samplePath, RawTextMask.of(contract));
            while (records.hasNext() && read < limit) {
                IngestedRow row = validator.validate(records.next());
                read++;
                if (row.accepted()) {
                    accepted++;
                } else {
                    quarantined.merge(row.reason(), 1L, Long::sum);
                    firstDetail.putIfAbsent(row.reason(), "line " + row.line() + ": " + row.reasonDetail());
                }
                if (row.warning() != null) {
                    for (String warning : row.warning().split(RowValidator.WARNING_SEPARATOR)) {
                        warnings.merge(warning, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw HubException.of("cannot read sample " + samplePath, e.getMessage(), "check the path", e);
        }
        return new Report(read, accepted, quarantined, warnings, firstDetail);
    }
}
