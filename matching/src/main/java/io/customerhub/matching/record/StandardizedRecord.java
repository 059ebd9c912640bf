package io.customerhub.matching.record;

import java.util.List;

/**
 * One customer record after standardisation: the normalised values the comparisons read. Every
 * field may be null (missing or invalid in the source). Names are upper-case ASCII, accents folded,
 * punctuation removed, titles stripped, particles kept inside the family name ("DE LA FONTAINE").
 *
 * @param sourceSystem      source contract name, e.g. "branch_crm"
 * @param sourceId          the record's id in its source
 * @param givenName         normalised given name(s), e.g. "JEAN PIERRE"
 * @param familyName        normalised family name currently used
 * @param birthName         normalised family name at birth (maiden name), if known
 * @param givenNamePhonetic phonetic key of the given name (first token)
 * @param familyNamePhonetic phonetic key of the family name
 * @param dateOfBirth       ISO date, full ("1980-02-13") or partial ("1980-02", "1980")
 * @param gender            "M", "F", or null
 * @param email             normalised e-mail (lower case, +tag removed, provider-insensitive dots removed)
 * @param phone             E.164 number, e.g. "+33142868200"
 * @param mobilePhone       E.164 mobile number
 * @param addressLine       normalised street line, e.g. "12B RUE DE LA PAIX"
 * @param houseNumber       normalised house number incl. suffix, e.g. "12B"
 * @param postcode          normalised postcode (spaces removed, upper case)
 * @param city              normalised city ("SAINT" for St/Ste, no hyphens or accents)
 * @param country           ISO 3166 alpha-2 code
 * @param nationalId        a national identifier without a declared namespace, letters and digits only
 *                          (e.g. "1850275123456"): compared probabilistically, since sources mistype it
 * @param customerNumbers   strong identifiers as "namespace:value", the namespace being the source
 *                          system that issued the id (e.g. "branch_crm:C0012345")
 */
public record StandardizedRecord(
        String sourceSystem,
        String sourceId,
        String givenName,
        String familyName,
        String birthName,
        String givenNamePhonetic,
        String familyNamePhonetic,
        String dateOfBirth,
        String gender,
        String email,
        String phone,
        String mobilePhone,
        String addressLine,
        String houseNumber,
        String postcode,
        String city,
        String country,
        String nationalId,
        List<String> customerNumbers) {

    public StandardizedRecord {
        customerNumbers = customerNumbers == null ? List.of() : List.copyOf(customerNumbers);
    }
}
