package io.customerhub.jobs.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Web accounts delta extract: JSON Lines, UTF-8, ISO dates, a deleted flag. */
final class WebAccountsWriter implements SiloWriter {

    private final TextFile file;
    private final StringBuilder line = new StringBuilder(384);

    WebAccountsWriter(Path path) throws IOException {
        this.file = new TextFile(path, StandardCharsets.UTF_8);
    }

    @Override
    public void write(SiloRecord r, BadRowKind breakage) throws IOException {
        line.setLength(0);
        line.append('{');
        stringField("account_id", r.sourceId());
        int nameStart = line.length();
        line.append(',');
        stringField("first_name", r.givenName()).append(',');
        String lastName = r.nameSuffix() == null ? r.familyName() : r.familyName() + " " + r.nameSuffix();
        stringField("last_name", breakage == BadRowKind.MISSING_REQUIRED_FIELD ? "" : lastName).append(',');
        stringField("email", r.email()).append(',');
        key("birth_date");
        if (breakage == BadRowKind.IMPOSSIBLE_DATE) {
            line.append('"').append(BranchCrmWriter.birthYear(r)).append("-02-30\"");
        } else if (r.birthDate() == null) {
            line.append("null");
        } else {
            Texts.isoDate(line.append('"'), r.birthDate()).append('"');
        }
        line.append(',');
        stringField("phone", r.phone()).append(',');
        Address a = r.address();
        stringField("street", a == null ? null : a.street()).append(',');
        stringField("zip", a == null ? null : a.postcode()).append(',');
        stringField("city", a == null ? null : a.city()).append(',');
        stringField("country", a == null ? null : a.countryCode()).append(',');
        key("newsletter_optin").append(r.consent() == null ? "null" : r.consent().toString()).append(',');
        key("updated_at").append('"');
        Texts.isoDate(line, r.updatedAt().toLocalDate()).append('T');
        Texts.time(line, r.updatedAt()).append("Z\",");
        key("deleted").append(r.deleted()).append('}');
        if (breakage == BadRowKind.MALFORMED_JSON) {
            // A line cut in half: the object never closes.
            file.line(line.substring(0, line.length() / 2));
        } else if (breakage == BadRowKind.UNDECODABLE_BYTES) {
            file.latin1Line(line.toString(), nameStart);
        } else {
            file.line(line);
        }
    }

    private StringBuilder key(String name) {
        return line.append('"').append(name).append("\":");
    }

    private StringBuilder stringField(String name, String value) {
        key(name);
        if (value == null) {
            return line.append("null");
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20) {
                line.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                line.append(c);
            }
        }
        return line.append('"');
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
