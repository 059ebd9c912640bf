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
 * line number and raw text (masked to the contract's columns), and the file goes on.
 */
final class CsvExtractReader extends LookaheadIterator<ExtractRecord> {

    /** A quoted field left open for this many lines is taken as an unbalanced quote, not a multi-line value. */
    private static final int MAX_CONTINUATION_LINES = 20;

    private final ByteLineReader lines;
    private final String file;
    private final CSVFormat format;
    private final char quote;
    private final List<String> columns;
    private final RawTextMask mask;
    private final boolean columnsKept;
    private final String encodingWarning;
    private final Deque<ByteLineReader.Line> pushedBack = new ArrayDeque<>();
    /** Whether a line of the record being read looks like UTF-8 read in a single-byte charset. */
    private boolean readsLikeUtf8;
    /** Why the header could not be read, returned as the first record so the file cannot yield nothing silently. */
    private ExtractRecord headerFailure;

    CsvExtractReader(InputStream in, Charset charset, CsvOptions options, String file, RawTextMask mask) {
        this.lines = new ByteLineReader(in, charset);
        this.file = file;
        this.mask = mask;
        this.encodingWarning = ExtractRecord.readsLikeUtf8Warning(charset);
        this.quote = options.quoteChar();
        this.format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiterChar())
                .setQuote(options.quoteChar())
                .setIgnoreEmptyLines(true)
                .get();
        this.columns = options.hasHeader() ? readHeader() : List.copyOf(options.columns());
        this.columnsKept = mask.keepsAll(columns);
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
        // An unreadable header is one failed record and leaves no columns: every row then fails too.
        if (header.tooLong()) {
            headerFailure = tooLarge(header.number());
            return List.of();
        }
        if (header.undecodable()) {
            headerFailure = ExtractRecord.failed(file, header.number(), RawTextMask.WITHHELD, QuarantineReason.UNDECODABLE_BYTES,
                    "the header line holds bytes that are not valid in the contract's encoding");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            for (String name : parseOne(header.text())) {
                names.add(name.trim());
            }
        } catch (IllegalStateException | UncheckedIOException | IOException e) {
            headerFailure = ExtractRecord.failed(file, header.number(), RawTextMask.WITHHELD, QuarantineReason.MALFORMED_ROW,
                    "the header line is not valid CSV");
            return List.of();
        }
        return List.copyOf(names);
    }


    private ByteLineReader.Line nextLine() {
        return pushedBack.isEmpty() ? lines.next() : pushedBack.pollFirst();
    }

    @Override
    protected ExtractRecord readNext() {
        if (headerFailure != null) {
            ExtractRecord failure = headerFailure;
            headerFailure = null;
            return failure;
        }
        ByteLineReader.Line first = nextLine();
        while (first != null && !first.tooLong() && first.text().isBlank() && !first.undecodable()) {
            first = nextLine();
        }
        if (first == null) {
            return null;
        }
        if (first.tooLong()) {
            return tooLarge(first.number());
        }
        ExtractRecord record = readRecord(first);
        return record.withWarningIf(readsLikeUtf8, encodingWarning);
    }

    private ExtractRecord readRecord(ByteLineReader.Line first) {
        readsLikeUtf8 = first.readsLikeUtf8();
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
                if (more.tooLong() || text.length() + more.text().length() >= ByteLineReader.MAX_LINE_BYTES) {
                    break; // taken as an unbalanced quote; the long line then fails on its own
                }
                readsLikeUtf8 |= more.readsLikeUtf8();
                text.append('\n').append(more.text());
                if (hasOpenQuote(text)) {
                    continue;
                }
                closed = true;
                break;
            }
            if (!closed) {
                continuation.forEach(pushedBack::addLast);
                return ExtractRecord.failed(file, first.number(), keptText(first.text()), QuarantineReason.MALFORMED_ROW,
                        "unbalanced quote: a quoted field is never closed");
            }
            undecodable |= continuation.stream().anyMatch(ByteLineReader.Line::undecodable);
        }
        String raw = text.toString();
        if (undecodable) {
            return ExtractRecord.failed(file, first.number(), keptText(raw), QuarantineReason.UNDECODABLE_BYTES,
                    "bytes not valid in the contract's encoding");
        }
        return toRecord(first.number(), raw);
    }

    private ExtractRecord toRecord(long lineNumber, String raw) {
        List<String> fields;
        try {
            fields = parseOne(raw);
        } catch (IllegalStateException | UncheckedIOException | IOException e) {
            return ExtractRecord.failed(file, lineNumber, keptText(raw), QuarantineReason.MALFORMED_ROW,
                    "not valid CSV (stray quote or character after a quoted field)");
        }
        if (fields.size() != columns.size()) {
            return ExtractRecord.failed(file, lineNumber, keptText(raw), QuarantineReason.MALFORMED_ROW,
                    "expected " + columns.size() + " fields, found " + fields.size());
        }
        Map<String, String> values = new HashMap<>(columns.size() * 2);
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), fields.get(i));
        }
        String kept = columnsKept && !RawTextMask.anyTooLong(fields) ? raw : format.format(mask.masked(columns, fields).toArray());
        return ExtractRecord.parsed(file, lineNumber, kept, values, true);
    }

    private ExtractRecord tooLarge(long lineNumber) {
        return ExtractRecord.failed(file, lineNumber, RawTextMask.WITHHELD, QuarantineReason.ROW_TOO_LARGE,
                "the line is longer than " + ByteLineReader.MAX_LINE_BYTES + " bytes");
    }

    /**
     * The raw text of a row that failed to parse, as far as it may be kept: verbatim when the file
     * has only the contract's columns, else masked when it still splits into the file's columns,
     * else withheld.
     */
    private String keptText(String raw) {
        if (columnsKept) {
            return raw;
        }
        try {
            List<String> fields = parseOne(raw);
            if (fields.size() == columns.size()) {
                return format.format(mask.masked(columns, fields).toArray());
            }
        } catch (IllegalStateException | UncheckedIOException | IOException e) {
            // falls through: the row cannot be split, so nothing of it is kept
        }
        return RawTextMask.WITHHELD;
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
