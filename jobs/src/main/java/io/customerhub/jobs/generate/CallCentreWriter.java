package io.customerhub.jobs.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Call-centre export: UTF-8, ',' with every field quoted, one full_name column in either order. */
final class CallCentreWriter implements SiloWriter {

    static final String HEADER = "caller_ref,full_name,dob,phone,email,address,postcode,city,branch_client_no,"
            + "sms_optin,last_call_at";

    private final TextFile file;
    private final StringBuilder line = new StringBuilder(256);

    CallCentreWriter(Path path) throws IOException {
        this.file = new TextFile(path, StandardCharsets.UTF_8);
        file.line(HEADER);
    }

    @Override
    public void write(SiloRecord r, BadRowKind breakage) throws IOException {
        line.setLength(0);
        quoted(r.sourceId()).append(',');
        int nameStart = line.length();
        quoted(breakage == BadRowKind.MISSING_REQUIRED_FIELD ? "" : fullName(r)).append(',');
        line.append('"');
        if (breakage == BadRowKind.IMPOSSIBLE_DATE) {
            line.append(BranchCrmWriter.birthYear(r)).append("-02-30");
        } else if (r.birthDate() != null && r.birthYearOnly()) {
            line.append(r.birthDate().getYear());
        } else if (r.birthDate() != null) {
            Texts.isoDate(line, r.birthDate());
        }
        line.append("\",");
        quoted(r.phone());
        if (breakage == BadRowKind.MALFORMED_LINE) {
            // The export died mid-record: too few fields.
            file.line(line);
            return;
        }
        line.append(',');
        quoted(r.email()).append(',');
        Address a = r.address();
        quoted(a == null ? null : a.street()).append(',');
        quoted(a == null ? null : a.postcode()).append(',');
        quoted(a == null ? null : a.city()).append(',');
        quoted(r.branchCustomerNumber()).append(',');
        quoted(r.consent() == null ? null : r.consent() ? "yes" : "no").append(',');
        line.append('"');
        Texts.isoDate(line, r.updatedAt().toLocalDate()).append(' ');
        Texts.time(line, r.updatedAt()).append('"');
        if (breakage == BadRowKind.UNDECODABLE_BYTES) {
            file.latin1Line(line.toString(), nameStart);
        } else {
            file.line(line);
        }
    }

    private static String fullName(SiloRecord r) {
        String name = r.familyNameFirst()
                ? r.familyName().toUpperCase(Locale.ROOT) + " " + r.givenName()
                : r.givenName() + " " + r.familyName();
        return r.nameSuffix() == null ? name : name + " " + r.nameSuffix();
    }

    private StringBuilder quoted(String value) {
        line.append('"');
        if (value != null) {
            if (value.indexOf('"') < 0) {
                line.append(value);
            } else {
                line.append(value.replace("\"", "\"\""));
            }
        }
        return line.append('"');
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
