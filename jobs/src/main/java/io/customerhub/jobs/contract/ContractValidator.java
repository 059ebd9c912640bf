package io.customerhub.jobs.contract;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.customerhub.matching.record.CanonicalField;
import io.customerhub.matching.record.SpecialCategory;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a contract before any data is read. Refuses special-category data (GDPR art. 9) whether
 * it is named by the target or suggested by the source column.
 */
public final class ContractValidator {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final Set<String> READABLE_FORMATS = Set.of("csv", "jsonl", "parquet");
    private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

    private ContractValidator() {
    }

    public static List<ContractProblem> validate(SourceContract contract) {
        List<ContractProblem> problems = new ArrayList<>();
        checkSource(contract, problems);
        checkFields(contract, problems);
        checkTrust(contract, problems);
        return List.copyOf(problems);
    }

    private static void checkSource(SourceContract c, List<ContractProblem> problems) {
        if (c.name() == null || !NAME.matcher(c.name()).matches()) {
            problems.add(new ContractProblem("name", "source name is missing or not snake_case",
                    "use lower-case letters, digits and '_' starting with a letter, e.g. \"branch_crm\""));
        }
        if (c.format() == null || !READABLE_FORMATS.contains(c.format())) {
            String found = c.format() == null ? "nothing" : "'" + c.format() + "'";
            String fix = "jdbc".equals(c.format())
                    ? "JDBC is designed for but not readable yet: export the table to csv, jsonl or parquet"
                    : "set format to one of " + READABLE_FORMATS.stream().sorted().toList();
            problems.add(new ContractProblem("format", "format " + found + " cannot be read", fix));
        }
        if (c.path() == null || c.path().isBlank()) {
            problems.add(new ContractProblem("path", "no extract path",
                    "set path to a file, directory or glob, relative to the contract file or absolute"));
        }
        checkEncoding(c.encoding(), problems);
        if ("csv".equals(c.format())) {
            CsvOptions csv = c.csvOptions();
            if (csv.delimiter() != null && csv.delimiter().length() != 1) {
                problems.add(new ContractProblem("csv.delimiter", "the delimiter must be one character",
                        "use e.g. \",\", \";\", \"|\" or \"\\t\""));
            }
            if (csv.quote() != null && csv.quote().length() != 1) {
                problems.add(new ContractProblem("csv.quote", "the quote must be one character", "use e.g. \"\\\"\""));
            }
            if (csv.delimiterChar() == csv.quoteChar()) {
                problems.add(new ContractProblem("csv", "delimiter and quote are the same character",
                        "choose a different quote or delimiter"));
            }
            if (!csv.hasHeader() && (csv.columns() == null || csv.columns().isEmpty())) {
                problems.add(new ContractProblem("csv.columns", "header is false but no column names are listed",
                        "list the column names in file order in csv.columns, or set header to true"));
            }
        }
        if (c.idColumn() == null || c.idColumn().isBlank()) {
            problems.add(new ContractProblem("idColumn", "no source id column",
                    "name the column that holds the record's id in the silo"));
        }
        ExtractOptions extract = c.extractOptions();
        if (!Set.of("full", "delta").contains(extract.effectiveMode())) {
            problems.add(new ContractProblem("extract.mode", "extract mode '" + extract.mode() + "' is unknown",
                    "use \"full\" for a complete snapshot or \"delta\" for changed records only"));
        } else if (!extract.isDelta() && extract.deletedFlagColumn() != null) {
            problems.add(new ContractProblem("extract.deletedFlagColumn",
                    "a deletion flag only makes sense in a delta extract",
                    "set extract.mode to \"delta\", or remove deletedFlagColumn (a full snapshot retires absent records)"));
        }
        if (extract.maxRetiredShare() != null && (extract.isDelta() || extract.maxRetiredShare() < 0 || extract.maxRetiredShare() > 1)) {
            problems.add(new ContractProblem("extract.maxRetiredShare", "must be between 0 and 1, in a full extract",
                    "give a fraction of the source's current records, e.g. 0.10; a delta extract retires only flagged records"));
        }
        if (c.defaultPhoneRegion() != null && !REGIONS.contains(c.defaultPhoneRegion())) {
            problems.add(new ContractProblem("defaultPhoneRegion", "'" + c.defaultPhoneRegion() + "' is not a phone region",
                    "use an ISO 3166 alpha-2 code such as FR, GB, DE, US"));
        }
        if (c.maxRejectRate() != null && (c.maxRejectRate() < 0 || c.maxRejectRate() > 1)) {
            problems.add(new ContractProblem("maxRejectRate", "must be between 0 and 1",
                    "give a fraction, e.g. 0.05 for 5 %"));
        }
        if (c.unexpectedColumns() != null && !Set.of("warn", "quarantine").contains(c.unexpectedColumns())) {
            problems.add(new ContractProblem("unexpectedColumns", "'" + c.unexpectedColumns() + "' is unknown",
                    "use \"warn\" (default) or \"quarantine\""));
        }
    }

    private static void checkEncoding(String encoding, List<ContractProblem> problems) {
        if (encoding == null) {
            return;
        }
        try {
            Charset charset = Charset.forName(encoding);
            // Lines are split on the '\n' byte before decoding, which needs an ASCII-compatible charset.
            if (!Arrays.equals("\n;,\"".getBytes(charset), "\n;,\"".getBytes(StandardCharsets.US_ASCII))) {
                problems.add(new ContractProblem("encoding", "encoding " + encoding + " is not ASCII-compatible",
                        "convert the extract to UTF-8 (e.g. iconv -f " + encoding + " -t UTF-8)"));
            }
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            problems.add(new ContractProblem("encoding", "encoding '" + encoding + "' is unknown to Java",
                    "use a Java charset name such as UTF-8, ISO-8859-1 or windows-1252"));
        }
    }

    private static void checkFields(SourceContract c, List<ContractProblem> problems) {
        if (c.fields().isEmpty()) {
            problems.add(new ContractProblem("fields", "no column is mapped", "map at least one column to a canonical field"));
        }
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < c.fields().size(); i++) {
            FieldMapping f = c.fields().get(i);
            String where = "fields[" + i + "]";
            if (f.column() == null || f.column().isBlank()) {
                problems.add(new ContractProblem(where + ".column", "no source column", "name the column to read"));
            }
            Optional<SpecialCategory> special = SpecialCategory.suggestedBy(f.target())
                    .or(() -> SpecialCategory.suggestedBy(f.column()));
            if (special.isPresent()) {
                problems.add(new ContractProblem(where, "special-category data (" + special.get().label()
                        + ") must never enter the hub",
                        "remove this mapping; the column is then not copied into the hub"));
                continue;
            }
            Optional<CanonicalField> target = CanonicalField.byColumnName(f.target());
            if (target.isEmpty()) {
                problems.add(new ContractProblem(where + ".target", "'" + f.target() + "' is not a canonical field",
                        "use one of " + Arrays.stream(CanonicalField.values()).map(CanonicalField::columnName)
                                .collect(Collectors.joining(", "))));
                continue;
            }
            if (!targets.add(target.get().columnName())) {
                problems.add(new ContractProblem(where + ".target", "'" + f.target() + "' is mapped twice",
                        "map each canonical field from one column only"));
            }
            checkParserSettings(where, f, target.get(), problems);
        }
    }

    private static void checkParserSettings(String where, FieldMapping f, CanonicalField target, List<ContractProblem> problems) {
        CanonicalField.Kind kind = target.kind();
        if (f.datePatterns() != null) {
            if (kind != CanonicalField.Kind.DATE && kind != CanonicalField.Kind.TIMESTAMP) {
                problems.add(new ContractProblem(where + ".datePatterns", "date patterns on a " + kind + " field",
                        "remove datePatterns or map the column to a date field"));
            }
            for (String pattern : f.datePatterns()) {
                try {
                    DateTimeFormatter.ofPattern(pattern);
                } catch (IllegalArgumentException e) {
                    problems.add(new ContractProblem(where + ".datePatterns", "'" + pattern + "' is not a date pattern",
                            "use java.time letters, e.g. dd/MM/yyyy, yyyy-MM-dd, MM/yyyy, yyyy"));
                }
            }
        }
        if (f.phoneRegion() != null && (kind != CanonicalField.Kind.PHONE || !REGIONS.contains(f.phoneRegion()))) {
            problems.add(new ContractProblem(where + ".phoneRegion", "phoneRegion is not a phone region of a phone field",
                    "use an ISO code such as FR on phone or mobile_phone, or remove it"));
        }
        if ((f.trueValues() != null || f.falseValues() != null) && kind != CanonicalField.Kind.BOOLEAN) {
            problems.add(new ContractProblem(where, "trueValues/falseValues on a " + kind + " field",
                    "remove them or map the column to a consent_* field"));
        }
        if (f.onInvalid() != null && !Set.of("quarantine", "blank").contains(f.onInvalid())) {
            problems.add(new ContractProblem(where + ".onInvalid", "'" + f.onInvalid() + "' is unknown",
                    "use \"quarantine\" (default) or \"blank\""));
        }
        if (f.refersTo() != null && (target != CanonicalField.CUSTOMER_NUMBER || !NAME.matcher(f.refersTo()).matches())) {
            problems.add(new ContractProblem(where + ".refersTo", "refersTo must name a source system on customer_number",
                    "set refersTo to the issuing source's name (e.g. \"branch_crm\") on the customer_number mapping"));
        }
    }

    private static void checkTrust(SourceContract c, List<ContractProblem> problems) {
        c.trust().forEach((field, value) -> {
            if (!"*".equals(field) && CanonicalField.byColumnName(field).isEmpty()) {
                problems.add(new ContractProblem("trust." + field, "'" + field + "' is not a canonical field",
                        "use a canonical field name or \"*\" for the source's default trust"));
            }
            if (value == null || value < 0 || value > 1) {
                problems.add(new ContractProblem("trust." + field, "trust must be between 0 and 1",
                        "give a number such as 0.9 for a source that is usually right about this field"));
            }
        });
    }
}
