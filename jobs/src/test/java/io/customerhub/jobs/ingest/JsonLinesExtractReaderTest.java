package io.customerhub.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.contract.SourceContract;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesExtractReaderTest {

    private static final SourceContract CONTRACT = ContractLoader.parse("""
            {"name": "s", "format": "jsonl", "path": "x", "idColumn": "id",
             "fields": [{"column": "name", "target": "family_name"}]}
            """, "test");

    private static List<ExtractRecord> read(String content) {
        JsonLinesExtractReader reader = new JsonLinesExtractReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, "f.jsonl", RawTextMask.of(CONTRACT));
        List<ExtractRecord> records = new ArrayList<>();
        reader.forEachRemaining(records::add);
        return records;
    }

    @Test
    void rawTextKeepsTheContractsKeysAndMasksTheOthers() {
        List<ExtractRecord> records = read("""
                {"id": "W1", "name": "Anne"}
                {"id": "W2", "name": "Paul", "religion": "Buddhist", "health": {"status": "x"}}
                """);
        assertThat(records.get(0).rawText()).isEqualTo("{\"id\": \"W1\", \"name\": \"Anne\"}");
        assertThat(records.get(1).rawText()).contains("\"id\":\"W2\"", "\"name\":\"Paul\"", "\"religion\":\"<unmapped>\"",
                "\"health\":\"<unmapped>\"").doesNotContain("Buddhist", "status");
    }

    @Test
    void aLineThatIsNotAJsonObjectIsWithheld() {
        List<ExtractRecord> records = read("{\"id\": \"W1\", \"religion\": \"Buddhist\"\n[\"W2\", \"Buddhist\"]\n");
        assertThat(records).extracting(ExtractRecord::parseFailure).containsOnly(QuarantineReason.MALFORMED_ROW);
        assertThat(records).extracting(ExtractRecord::rawText).containsOnly(RawTextMask.WITHHELD);
    }
}
