package io.customerhub.jobs.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One person as one silo holds them, noise already applied; null means the silo has no value.
 * Writers only format it. Not every silo has every field.
 *
 * @param familyNameFirst     call centre: "DUPONT Marie" rather than "Marie Dupont"
 * @param birthYearOnly       only the year of birthDate is known to the silo
 * @param consent             the silo's main marketing consent (e-mail or SMS)
 * @param secondConsent       CRM: post; mobile app: push
 * @param branchCustomerNumber the branch CRM number this silo stores as a reference
 */
record SiloRecord(
        String sourceId,
        String personId,
        String title,
        String givenName,
        String familyName,
        String birthName,
        String nameSuffix,
        boolean familyNameFirst,
        LocalDate birthDate,
        boolean birthYearOnly,
        String phone,
        String email,
        Address address,
        Boolean consent,
        Boolean secondConsent,
        LocalDateTime updatedAt,
        String branchCustomerNumber,
        boolean deleted) {

    SiloRecord withSourceId(String id) {
        return new SiloRecord(id, personId, title, givenName, familyName, birthName, nameSuffix, familyNameFirst,
                birthDate, birthYearOnly, phone, email, address, consent, secondConsent, updatedAt,
                branchCustomerNumber, deleted);
    }
}
