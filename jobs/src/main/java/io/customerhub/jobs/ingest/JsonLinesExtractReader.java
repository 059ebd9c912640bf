package io.customerhub.jobs.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Streams the records of one JSON Lines file: one JSON object per line. */
final class JsonLinesExtractReader extends LookaheadIterator<ExtractRecord> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteLineReader lines;
    private final String file;
    private final RawTextMask mask;
    private final String encodingWarning;

    JsonLinesExtractReader(InputStream in, Charset charset, String file, RawTextMask mask) {
        this.lines = new ByteLineReader(in, charset);
        this.file = file;
        this.mask = mask;
        this.encodingWarning = ExtractRecord.readsLikeUtf8Warning(charset);
    }


    @Override
    protected ExtractRecord readNext() {
        ByteLineReader.Line line = lines.next();
        while (line != null && !line.tooLong() && line.text().isBlank() && !line.undecodable()) {
            line = lines.next();
        }
        if (line == null) {
            return null;
        }
        return read(line).withWarningIf(line.readsLikeUtf8(), encodingWarning);
    }

    private ExtractRecord read(ByteLineReader.Line line) {
        if (line.tooLong()) {
            return ExtractRecord.failed(file, line.number(), RawTextMask.WITHHELD, QuarantineReason.ROW_TOO_LARGE,
                    "the line is longer than " + ByteLineReader.MAX_LINE_BYTES + " bytes");
        }
        // A line that is not a JSON object cannot be split into columns: its text is withheld.
        JsonNode node;
        try {
            node = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            return line.undecodable() ? undecodable(line, RawTextMask.WITHHELD)
                    : ExtractRecord.failed(file, line.number(), RawTextMask.WITHHELD, QuarantineReason.MALFORMED_ROW,
                            "not valid JSON (" + e.getOriginalMessage().replaceAll("'[^']*'", "'…'") + ")");
        }
        if (node == null || !node.isObject()) {
            return line.undecodable() ? undecodable(line, RawTextMask.WITHHELD)
                    : ExtractRecord.failed(file, line.number(), RawTextMask.WITHHELD, QuarantineReason.MALFORMED_ROW,
                            "the line is not a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>(); // file order, for the raw text
        node.fields().forEachRemaining(entry -> values.put(entry.getKey(), text(entry.getValue())));
        String kept = mask.keepsAll(values.keySet()) && !RawTextMask.anyTooLong(values.values())
                ? line.text() : json(mask.masked(values));
        return line.undecodable() ? undecodable(line, kept) : ExtractRecord.parsed(file, line.number(), kept, values, false);
    }

    private ExtractRecord undecodable(ByteLineReader.Line line, String kept) {
        return ExtractRecord.failed(file, line.number(), kept, QuarantineReason.UNDECODABLE_BYTES,
                "bytes not valid in the contract's encoding");
    }

    /** The values as one JSON object (what quarantine keeps of a row whose columns needed masking). */
    static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
