package io.customerhub.jobs.ingest;

import io.customerhub.jobs.contract.CsvOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the records of one CSV file. Each logical record (quoted fields may span lines) is
 * parsed on its own with Commons CSV, so a malformed line becomes one failed record, keeps its
 * line number and raw text, and the file goes on.
 */
final class CsvExtractReader extends LookaheadIterator<ExtractRecord> {

    /** A quoted field left open for this many lines is taken as an unbalanced quote, not a multi-line value. */
    private static final int MAX_CONTINUATION_LINES = 20;

    private final ByteLineReader lines;
    private final String file;
    private final CSVFormat format;
    private final char quote;
    private final List<String> columns;
    private final Deque<ByteLineReader.Line> pushedBack = new ArrayDeque<>();

    CsvExtractReader(InputStream in, Charset charset, CsvOptions options, String file) {
        this.lines = new ByteLineReader(in, charset);
        this.file = file;
        this.quote = options.quoteChar();
        this.format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiterChar())
                .setQuote(options.quoteChar())
                .setIgnoreEmptyLines(true)
                .get();
        this.columns = options.hasHeader() ? readHeader() : List.copyOf(options.columns());
    }

    /** The file's columns: its header, or the contract's list when the file has none. */
    List<String> columns() {
        return columns;
    }

    private List<String> readHeader() {
        ByteLineReader.Line header = nextLine();
        while (header != null && header.text().isBlank()) {
            header = nextLine();
        }
        if (header == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            for (String name : parseOne(header.text())) {
                names.add(name.trim());
            }
        } catch (IllegalStateException | UncheckedIOException | IOException e) {
            // An unreadable header leaves no columns: every row then fails as schema drift.
            return List.of();
        }
        return List.copyOf(names);
    }


    private ByteLineReader.Line nextLine() {
        return pushedBack.isEmpty() ? lines.next() : pushedBack.pollFirst();
    }

    @Override
    protected ExtractRecord readNext() {
        ByteLineReader.Line first = nextLine();
        while (first != null && first.text().isBlank() && !first.undecodable()) {
            first = nextLine();
        }
        if (first == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(first.text());
        boolean undecodable = first.undecodable();
        if (hasOpenQuote(first.text())) {
            List<ByteLineReader.Line> continuation = new ArrayList<>();
            boolean closed = false;
            while (continuation.size() < MAX_CONTINUATION_LINES) {
                ByteLineReader.Line more = nextLine();
                if (more == null) {
                    break;
                }
                continuation.add(more);
                text.append('\n').append(more.text());
                if (hasOpenQuote(text)) {
                    continue;
                }
                closed = true;
                break;
            }
            if (!closed) {
                continuation.forEach(pushedBack::addLast);
                return ExtractRecord.failed(file, first.number(), first.text(), QuarantineReason.MALFORMED_ROW,
                        "unbalanced quote: a quoted field is never closed");
            }
            undecodable |= continuation.stream().anyMatch(ByteLineReader.Line::undecodable);
        }
        String raw = text.toString();
        if (undecodable) {
            return ExtractRecord.failed(file, first.number(), raw, QuarantineReason.UNDECODABLE_BYTES,
                    "bytes not valid in the contract's encoding");
        }
        return toRecord(first.number(), raw);
    }

    private ExtractRecord toRecord(long lineNumber, String raw) {
        List<String> fields;
        try {
            fields = parseOne(raw);
        } catch (IllegalStateException | UncheckedIOException | IOException e) {
            return ExtractRecord.failed(file, lineNumber, raw, QuarantineReason.MALFORMED_ROW,
                    "not valid CSV (stray quote or character after a quoted field)");
        }
        if (fields.size() != columns.size()) {
            return ExtractRecord.failed(file, lineNumber, raw, QuarantineReason.MALFORMED_ROW,
                    "expected " + columns.size() + " fields, found " + fields.size());
        }
        Map<String, String> values = new HashMap<>(columns.size() * 2);
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), fields.get(i));
        }
        return ExtractRecord.parsed(file, lineNumber, raw, values, true);
    }

    private List<String> parseOne(String text) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IOException("expected one record");
            }
            return records.get(0).toList();
        }
    }

    private boolean hasOpenQuote(CharSequence text) {
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == quote) {
                quotes++;
            }
        }
        return (quotes & 1) == 1;
    }
}
