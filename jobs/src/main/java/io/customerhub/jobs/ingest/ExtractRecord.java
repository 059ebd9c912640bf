package io.customerhub.jobs.ingest;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * One record as read from an extract file, before validation: either the column values or the
 * reason it could not be parsed.
 *
 * @param file            the file it came from
 * @param line            1-based line where the record starts (0 when the format has no lines)
 * @param rawText         the record's text as read, masked to the contract's columns
 *                        ({@link RawTextMask}), kept only if it ends in quarantine
 * @param values          column name -> value as text (null when unparseable)
 * @param fixedColumns    true when every record of the file has the same columns (CSV header,
 *                        Parquet schema), so a missing column is schema drift, not a blank value
 * @param parseFailure    why the record could not be parsed, or null
 * @param failureDetail   detail of the parse failure (no field values), or null
 * @param warning         what the reader noticed about the record's bytes (no values), or null
 */
public record ExtractRecord(
        String file,
        long line,
        String rawText,
        Map<String, String> values,
        boolean fixedColumns,
        QuarantineReason parseFailure,
        String failureDetail,
        String warning) {

    public static ExtractRecord parsed(String file, long line, String rawText, Map<String, String> values, boolean fixedColumns) {
        return new ExtractRecord(file, line, rawText, values, fixedColumns, null, null, null);
    }

    public static ExtractRecord failed(String file, long line, String rawText, QuarantineReason reason, String detail) {
        return new ExtractRecord(file, line, rawText, null, false, reason, detail, null);
    }

    /** This record with the warning, when {@code applies}. */
    ExtractRecord withWarningIf(boolean applies, String warning) {
        return applies ? new ExtractRecord(file, line, rawText, values, fixedColumns, parseFailure, failureDetail, warning) : this;
    }

    /** The warning for text in a single-byte charset whose bytes read like UTF-8. */
    static String readsLikeUtf8Warning(Charset charset) {
        return "the extract is read as " + charset.name() + " but some of its lines read like UTF-8"
                + " (é would show as Ã©): if it is UTF-8, set \"encoding\": \"UTF-8\" in the contract";
    }
}
