package io.customerhub.jobs.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;

/** Streams the records of one JSON Lines file: one JSON object per line. */
final class JsonLinesExtractReader extends LookaheadIterator<ExtractRecord> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteLineReader lines;
    private final String file;

    JsonLinesExtractReader(InputStream in, Charset charset, String file) {
        this.lines = new ByteLineReader(in, charset);
        this.file = file;
    }


    @Override
    protected ExtractRecord readNext() {
        ByteLineReader.Line line = lines.next();
        while (line != null && line.text().isBlank() && !line.undecodable()) {
            line = lines.next();
        }
        if (line == null) {
            return null;
        }
        if (line.undecodable()) {
            return ExtractRecord.failed(file, line.number(), line.text(), QuarantineReason.UNDECODABLE_BYTES,
                    "bytes not valid in the contract's encoding");
        }
        JsonNode node;
        try {
            node = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            return ExtractRecord.failed(file, line.number(), line.text(), QuarantineReason.MALFORMED_ROW,
                    "not valid JSON (" + e.getOriginalMessage().replaceAll("'[^']*'", "'…'") + ")");
        }
        if (node == null || !node.isObject()) {
            return ExtractRecord.failed(file, line.number(), line.text(), QuarantineReason.MALFORMED_ROW,
                    "the line is not a JSON object");
        }
        Map<String, String> values = new HashMap<>();
        node.fields().forEachRemaining(entry -> values.put(entry.getKey(), text(entry.getValue())));
        return ExtractRecord.parsed(file, line.number(), line.text(), values, false);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
