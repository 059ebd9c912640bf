package io.customerhub.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.contract.SourceContract;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExtractReaderTest {

    private static final SourceContract CONTRACT = ContractLoader.parse("""
            {"name": "s", "format": "csv", "path": "x", "idColumn": "id",
             "fields": [{"column": "name", "target": "family_name"},
                        {"column": "email", "target": "email"}]}
            """, "test");

    private static List<ExtractRecord> read(String content) {
        CsvExtractReader reader = new CsvExtractReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, CONTRACT.csvOptions(), "f.csv", RawTextMask.of(CONTRACT));
        List<ExtractRecord> records = new ArrayList<>();
        reader.forEachRemaining(records::add);
        return records;
    }

    @Test
    void aFileWithCrOnlyLineEndingsYieldsItsRows() {
        List<ExtractRecord> records = read("id,name,email\rA1,Anne,a@x.org\rA2,Paul,p@x.org\r");
        assertThat(records).extracting(r -> r.values().get("name")).containsExactly("Anne", "Paul");
        assertThat(records).extracting(ExtractRecord::line).containsExactly(2L, 3L);
    }

    @Test
    void rawTextKeepsTheContractsColumnsAndMasksTheOthers() {
        List<ExtractRecord> records = read("id,name,religion,email\nA1,Anne,Catholic,a@x.org\n");
        assertThat(records.get(0).rawText()).isEqualTo("A1,Anne,<unmapped>,a@x.org");
        assertThat(records.get(0).values()).containsEntry("religion", "Catholic"); // the validator decides on drift
    }

    @Test
    void rawTextOfARowWithTheContractsColumnsOnlyIsKeptAsItIs() {
        assertThat(read("id,name,email\nA1,\"Anne\",a@x.org\n").get(0).rawText()).isEqualTo("A1,\"Anne\",a@x.org");
    }

    @Test
    void aMalformedRowInAFileWithUnmappedColumnsIsWithheldWhole() {
        List<ExtractRecord> records = read("id,name,health,email\nA1,Anne,diabetic\nA2,\"Paul,asthma,p@x.org\n");
        assertThat(records).extracting(ExtractRecord::parseFailure)
                .containsExactly(QuarantineReason.MALFORMED_ROW, QuarantineReason.MALFORMED_ROW);
        assertThat(records).extracting(ExtractRecord::rawText).containsOnly(RawTextMask.WITHHELD);
    }

    @Test
    void anUndecodableRowThatStillSplitsIsMasked() {
        byte[] bytes = {'i', 'd', ',', 'n', 'a', 'm', 'e', ',', 'h', ',', 'e', 'm', 'a', 'i', 'l', '\n',
            'A', '1', ',', 'Z', (byte) 0xFF, ',', 's', 'e', 'c', 'r', 'e', 't', ',', 'a', '@', 'x', '\n'};
        CsvExtractReader reader = new CsvExtractReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8,
                CONTRACT.csvOptions(), "f.csv", RawTextMask.of(CONTRACT));
        ExtractRecord record = reader.next();
        assertThat(record.parseFailure()).isEqualTo(QuarantineReason.UNDECODABLE_BYTES);
        assertThat(record.rawText()).startsWith("A1,Z").endsWith(",<unmapped>,a@x").doesNotContain("secret");
    }

    @Test
    void anOverLongValueIsMaskedInTheRawText() {
        String name = "N".repeat(RowValidator.MAX_TEXT_LENGTH + 1);
        ExtractRecord record = read("id,name,email\nA1," + name + ",a@x.org\n").get(0);
        assertThat(record.rawText()).isEqualTo("A1,<too long: 1001 characters>,a@x.org");
        assertThat(record.values()).containsEntry("name", name);
    }

    @Test
    void anUnreadableHeaderIsAFailedRecordSoTheFileCannotYieldNothing() {
        List<ExtractRecord> records = read("id,\"name,email\n");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).parseFailure()).isEqualTo(QuarantineReason.MALFORMED_ROW);
        assertThat(records.get(0).failureDetail()).isEqualTo("the header line is not valid CSV");
    }

    @Test
    void aLineOverTheLimitIsOneRowTooLargeAndTheFileGoesOn() {
        String huge = "A2,".concat("x".repeat(ByteLineReader.MAX_LINE_BYTES)).concat(",b@x.org");
        List<ExtractRecord> records = read("id,name,email\nA1,Anne,a@x.org\n" + huge + "\nA3,Paul,p@x.org\n");
        assertThat(records).extracting(ExtractRecord::parseFailure).containsExactly(null, QuarantineReason.ROW_TOO_LARGE, null);
        assertThat(records.get(1).rawText()).isEqualTo(RawTextMask.WITHHELD);
        assertThat(records.get(1).line()).isEqualTo(3L);
        assertThat(records.get(2).values()).containsEntry("id", "A3");
    }
}
