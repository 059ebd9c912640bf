package io.customerhub.jobs.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** How a CSV extract is laid out. Absent values take the defaults below. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CsvOptions(String delimiter, String quote, Boolean header, List<String> columns) implements java.io.Serializable {

    public static final CsvOptions DEFAULTS = new CsvOptions(",", "\"", true, null);

    public char delimiterChar() {
        return delimiter == null || delimiter.isEmpty() ? ',' : delimiter.charAt(0);
    }

    public char quoteChar() {
        return quote == null || quote.isEmpty() ? '"' : quote.charAt(0);
    }

    public boolean hasHeader() {
        return !Boolean.FALSE.equals(header);
    }
}
