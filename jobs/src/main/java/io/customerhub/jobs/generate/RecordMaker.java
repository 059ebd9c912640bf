package io.customerhub.jobs.generate;

import io.customerhub.jobs.generate.Person.Gender;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/** Turns a real person into the noisy record one silo holds, with that silo's habits. */
final class RecordMaker {

    private final Noise noise;

    RecordMaker(Noise noise) {
        this.noise = noise;
    }

    /**
     * @param optIn      the consent this silo last recorded
     * @param branchRef  the person's branch CRM number, or null when they have none
     * @param staleCopy  a within-silo duplicate: older, sloppier, maybe at the old address
     */
    SiloRecord make(SourceSystem source, Person person, String id, LocalDateTime updatedAt, boolean optIn,
                    String branchRef, boolean staleCopy) {
        return switch (source) {
            case BRANCH_CRM -> branchCrm(person, id, updatedAt, optIn, staleCopy);
            case CALL_CENTRE -> callCentre(person, id, updatedAt, optIn, branchRef, staleCopy);
            case WEB_ACCOUNTS -> webAccount(person, id, updatedAt, optIn, staleCopy);
            case MOBILE_APP -> mobileApp(person, id, updatedAt, optIn, branchRef, staleCopy);
        };
    }

    private SiloRecord branchCrm(Person p, String id, LocalDateTime updatedAt, boolean optIn, boolean stale) {
        double sloppy = stale ? 3 : 1;
        String given = names(p.givenName(), 0.03 * sloppy, 0.0, 0.08, 0.04 * sloppy);
        String family = familyName(p.familyName(), 0.02 * sloppy, 0.1, 0.04 * sloppy);
        // The CRM keeps the birth name: the one silo that knows both names of a married person.
        String birthName = p.marriedName() ? p.birthName() : (noise.chance(0.3) ? p.familyName() : null);
        boolean upperCase = noise.chance(0.85);
        String title = noise.chance(0.05) ? null : p.gender() == Gender.M ? "M."
                : (!p.marriedName() && noise.chance(0.1) ? "Mlle" : "Mme");
        Phone phone = p.landline() != null && noise.chance(0.6) ? p.landline() : p.mobile();
        int phoneStyle = noise.chance(0.7) ? Noise.PHONE_SPACED : noise.chance(0.5) ? Noise.PHONE_PLAIN : Noise.PHONE_DOTTED;
        return new SiloRecord(id, p.personId(), title, given,
                upperCase ? family.toUpperCase(Locale.ROOT) : family,
                birthName == null ? null : upperCase ? birthName.toUpperCase(Locale.ROOT) : birthName,
                null, false,
                birthDate(p, 0.02, 0.01), false,
                noise.chance(0.15) ? null : noise.phone(phone, phoneStyle),
                email(p, 0.3, 0.05),
                address(p, stale ? 0.9 : 0.5, 0.02),
                noise.chance(0.05) ? null : optIn, noise.chance(0.05) ? null : noise.chance(0.5),
                updatedAt, null, false);
    }

    private SiloRecord callCentre(Person p, String id, LocalDateTime updatedAt, boolean optIn, String branchRef,
                                  boolean stale) {
        double sloppy = stale ? 2 : 1;
        String given = names(p.givenName(), 0.06 * sloppy, 0.1, 0.2, 0.3);
        String family = familyName(p.familyName(), 0.05 * sloppy, 0.15, 0.3);
        if (noise.chance(0.05)) {
            // Agents' screen once saved UTF-8 read as Latin-1.
            given = Texts.mojibake(given);
            family = Texts.mojibake(family);
        }
        if (noise.chance(0.2)) {
            given = noise.caseVariant(given);
        }
        boolean yearOnly = noise.chance(0.12);
        return new SiloRecord(id, p.personId(), null, given, family, null,
                p.suffix() != null && noise.chance(0.5) ? p.suffix() : null, noise.chance(0.5),
                birthDate(p, 0.1, yearOnly ? 0.0 : 0.03), yearOnly,
                noise.chance(0.1) ? null : noise.phone(pickPhone(p, 0.7), noise.nextInt(Noise.PHONE_STYLES)),
                email(p, 0.5, 0.15),
                address(p, stale ? 0.7 : 0.3, 0.3),
                noise.chance(0.2) ? null : optIn, null,
                updatedAt, branchRef != null && noise.chance(0.4) ? branchRef : null, false);
    }

    private SiloRecord webAccount(Person p, String id, LocalDateTime updatedAt, boolean optIn, boolean stale) {
        String given = names(p.givenName(), 0.02, 0.05, 0.05, 0.1);
        // Accounts opened before a marriage keep the maiden name.
        String family = familyName(p.marriedName() && (stale || noise.chance(0.3)) ? p.birthName() : p.familyName(),
                0.02, 0.1, 0.1);
        if (noise.chance(0.15)) {
            given = noise.caseVariant(given);
            family = noise.caseVariant(family);
        }
        int[] styles = {Noise.PHONE_PLAIN, Noise.PHONE_E164, Noise.PHONE_SPACED};
        return new SiloRecord(id, p.personId(), null, given, family, null,
                p.suffix() != null && noise.chance(0.15) ? p.suffix() : null, false,
                birthDate(p, 0.2, 0.02), false,
                noise.chance(0.4) ? null : noise.phone(pickPhone(p, 0.6), styles[noise.nextInt(styles.length)]),
                email(p, 0.0, 0.15),
                address(p, stale ? 0.8 : 0.25, 0.2),
                optIn, null, updatedAt, null, noise.chance(stale ? 0.2 : 0.01));
    }

    private SiloRecord mobileApp(Person p, String id, LocalDateTime updatedAt, boolean optIn, String branchRef,
                                 boolean stale) {
        String given = names(p.givenName(), 0.03, 0.15, 0.1, 0.2);
        String family = familyName(p.marriedName() && noise.chance(0.1) ? p.birthName() : p.familyName(), 0.03, 0.1, 0.2);
        if (noise.chance(0.15)) {
            given = noise.caseVariant(given);
            family = noise.caseVariant(family);
        }
        int style = noise.chance(0.8) ? Noise.PHONE_E164 : noise.chance(0.5) ? Noise.PHONE_INTERNATIONAL_SPACED : Noise.PHONE_PLAIN;
        return new SiloRecord(id, p.personId(), null, given, family, null, null, false,
                birthDate(p, stale ? 0.6 : 0.3, 0.02), false,
                noise.chance(0.05) ? null : noise.phone(p.mobile(), style),
                email(p, 0.3, 0.1),
                null,
                optIn, noise.chance(0.6), updatedAt,
                branchRef != null && noise.chance(0.3) ? branchRef : null, false);
    }

    /** Given name with nickname, compound-name, accent and typo noise. */
    private String names(String given, double typo, double shortForm, double compound, double noAccents) {
        String out = noise.chance(shortForm) ? noise.shortForm(given) : given;
        if (noise.chance(compound)) {
            out = noise.compoundVariant(out);
        }
        if (noise.chance(noAccents)) {
            out = Texts.stripAccents(out);
        }
        return noise.chance(typo) ? noise.typo(out) : out;
    }

    private String familyName(String family, double typo, double particle, double noAccents) {
        String out = noise.chance(particle) ? noise.familyVariant(family) : family;
        if (noise.chance(noAccents)) {
            out = Texts.stripAccents(out);
        }
        return noise.chance(typo) ? noise.typo(out) : out;
    }

    private LocalDate birthDate(Person p, double missing, double transposed) {
        if (noise.chance(missing)) {
            return null;
        }
        return noise.chance(transposed) ? noise.transposedDayAndMonth(p.birthDate()) : p.birthDate();
    }

    private Phone pickPhone(Person p, double mobileShare) {
        return p.landline() == null || noise.chance(mobileShare) ? p.mobile() : p.landline();
    }

    private String email(Person p, double missing, double variant) {
        if (noise.chance(missing)) {
            return null;
        }
        return noise.chance(variant) ? noise.emailVariant(p.email()) : p.email();
    }

    /** The current address, or the previous one for a silo that missed the move. */
    private Address address(Person p, double stale, double missing) {
        if (noise.chance(missing)) {
            return null;
        }
        return p.previousAddress() != null && noise.chance(stale) ? p.previousAddress() : p.address();
    }
}
