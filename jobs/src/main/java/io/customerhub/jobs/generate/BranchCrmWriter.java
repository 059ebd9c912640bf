package io.customerhub.jobs.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Branch CRM snapshot: ISO-8859-1, ';'-separated, French headers, dates dd/MM/yyyy. */
final class BranchCrmWriter implements SiloWriter {

    static final String HEADER = "num_client;civilite;nom;prenom;nom_naissance;date_naissance;adresse;code_postal;"
            + "ville;pays;telephone;email;optin_email;optin_courrier;date_maj";

    private final TextFile file;
    private final StringBuilder line = new StringBuilder(256);

    BranchCrmWriter(Path path) throws IOException {
        this.file = new TextFile(path, StandardCharsets.ISO_8859_1);
        file.line(HEADER);
    }

    @Override
    public void write(SiloRecord r, BadRowKind breakage) throws IOException {
        line.setLength(0);
        field(r.sourceId()).append(';');
        field(r.title()).append(';');
        field(breakage == BadRowKind.MISSING_REQUIRED_FIELD ? null : r.familyName()).append(';');
        field(r.givenName()).append(';');
        field(r.birthName()).append(';');
        if (breakage == BadRowKind.IMPOSSIBLE_DATE) {
            line.append("31/02/").append(birthYear(r));
        } else if (r.birthDate() != null) {
            Texts.frenchDate(line, r.birthDate());
        }
        line.append(';');
        Address a = r.address();
        field(a == null ? null : a.street()).append(';');
        if (breakage == BadRowKind.MALFORMED_LINE) {
            // An unescaped delimiter typed into the address: one field too many.
            line.append("bat. B;");
        }
        field(a == null ? null : a.postcode()).append(';');
        field(a == null ? null : a.city()).append(';');
        field(a == null ? null : a.countryName()).append(';');
        field(r.phone()).append(';');
        field(r.email()).append(';');
        line.append(ouiNon(r.consent())).append(';');
        line.append(ouiNon(r.secondConsent())).append(';');
        Texts.frenchDate(line, r.updatedAt().toLocalDate()).append(' ');
        Texts.time(line, r.updatedAt());
        file.line(line);
    }

    static int birthYear(SiloRecord r) {
        return r.birthDate() == null ? 1980 : r.birthDate().getYear();
    }

    private static String ouiNon(Boolean b) {
        return b == null ? "" : b ? "O" : "N";
    }

    /** Quotes only when needed; characters Latin-1 cannot hold are transliterated as the legacy system does. */
    private StringBuilder field(String value) {
        if (value == null) {
            return line;
        }
        String v = Texts.toLatin1(value);
        if (v.indexOf(';') < 0 && v.indexOf('"') < 0) {
            return line.append(v);
        }
        return line.append('"').append(v.replace("\"", "\"\"")).append('"');
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
