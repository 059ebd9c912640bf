package io.customerhub.jobs.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a generation run wrote.
 *
 * @param recordsPerSource data rows per source file, bad rows included
 * @param badRowsPerSource bad rows per kind per source
 */
public record GeneratedData(
        Path outputDir,
        long people,
        Map<SourceSystem, Long> recordsPerSource,
        Map<SourceSystem, Map<BadRowKind, Long>> badRowsPerSource,
        Duration elapsed) {

    public GeneratedData {
        recordsPerSource = Map.copyOf(recordsPerSource);
        badRowsPerSource = Map.copyOf(badRowsPerSource);
    }

    public long totalRecords() {
        return recordsPerSource.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBadRows() {
        return badRowsPerSource.values().stream()
                .flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    public double recordsPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return totalRecords() / seconds;
    }
}
