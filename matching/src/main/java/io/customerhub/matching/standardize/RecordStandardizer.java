package io.customerhub.matching.standardize;

import io.customerhub.matching.record.CanonicalField;
import io.customerhub.matching.record.StandardizedRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one source record (raw canonical values) into a {@link StandardizedRecord}. A pure
 * function of its inputs and of the reference date given at construction: invalid values become
 * nulls with a {@link StandardizationIssue}, never exceptions, and no value is ever logged.
 * Thread-safe and cheap to call: build one per executor (or share one) and call it per record.
 */
public final class RecordStandardizer {

    /** Dates of birth before this year are taken for data-entry defaults, not births. */
    static final int FIRST_PLAUSIBLE_BIRTH_YEAR = 1900;

    private final PhoneticKeys phoneticKeys = new PhoneticKeys();
    private final PartialDate referenceDate;

    /** @param referenceDate "today" for the future-date check; fixed so that reruns give the same output */
    public RecordStandardizer(LocalDate referenceDate) {
        this.referenceDate = new PartialDate(referenceDate.getYear(), referenceDate.getMonthValue(), referenceDate.getDayOfMonth());
    }

    public RecordStandardizer() {
        this(LocalDate.now());
    }

    /**
     * As {@link #standardize(String, String, Map, String, Map, List)} with the default date patterns.
     */
    public StandardizationResult standardize(String sourceSystem, String sourceId, Map<CanonicalField, String> raw,
                                             String defaultPhoneRegion, Map<CanonicalField, List<String>> customerNumberNamespaces) {
        return standardize(sourceSystem, sourceId, raw, defaultPhoneRegion, customerNumberNamespaces, PartialDate.DEFAULT_PATTERNS);
    }

    /**
     * @param sourceSystem             source contract name, e.g. "web_shop"
     * @param sourceId                 the record's id in its source
     * @param raw                      raw values by canonical field (trimmed; missing fields absent or blank)
     * @param defaultPhoneRegion       ISO alpha-2 region for national phone numbers and postcodes when the
     *                                 record has no country, e.g. "FR"; may be null
     * @param customerNumberNamespaces for each identifier field, the source systems whose ids it holds, e.g.
     *                                 CUSTOMER_NUMBER → ["branch_crm"]; CUSTOMER_NUMBER defaults to the
     *                                 record's own source; other fields are used only when listed here
     * @param dateOfBirthPatterns      patterns for {@link PartialDate#parse}
     */
    public StandardizationResult standardize(String sourceSystem, String sourceId, Map<CanonicalField, String> raw,
                                             String defaultPhoneRegion, Map<CanonicalField, List<String>> customerNumberNamespaces,
                                             List<String> dateOfBirthPatterns) {
        Issues issues = new Issues();
        Map<CanonicalField, List<String>> namespaces = customerNumberNamespaces == null ? Map.of() : customerNumberNamespaces;

        Names names = names(raw, issues);
        String dateOfBirth = dateOfBirth(raw.get(CanonicalField.DATE_OF_BIRTH), dateOfBirthPatterns, issues);
        String gender = issues.keep(CanonicalField.GENDER, GenderNormalizer.normalize(raw.get(CanonicalField.GENDER)));
        NormalizedEmail email = issues.keep(CanonicalField.EMAIL, EmailNormalizer.normalize(raw.get(CanonicalField.EMAIL)));

        String country = issues.keep(CanonicalField.COUNTRY, CountryNormalizer.toIsoAlpha2(raw.get(CanonicalField.COUNTRY)));
        String region = defaultPhoneRegion == null ? null : defaultPhoneRegion.toUpperCase(Locale.ROOT);

        // Phones: a mobile in the phone field moves to the empty mobile slot, a landline the other way.
        NormalizedPhone phone = phone(CanonicalField.PHONE, raw.get(CanonicalField.PHONE), region, country, issues);
        String rawMobile = raw.get(CanonicalField.MOBILE_PHONE);
        NormalizedPhone mobile = rawMobile != null && rawMobile.equals(raw.get(CanonicalField.PHONE))
                ? phone // same text in both columns (common): parsing is the costliest step, do it once
                : phone(CanonicalField.MOBILE_PHONE, rawMobile, region, country, issues);
        if (mobile == null && phone != null && phone.type() == PhoneType.MOBILE) {
            mobile = phone;
            phone = null;
        } else if (phone == null && mobile != null && mobile.type() == PhoneType.LANDLINE) {
            phone = mobile;
            mobile = null;
        }

        // Address: line 2 stands in when line 1 is missing or holds a building name without a number.
        NormalizedStreet street = street(raw.get(CanonicalField.ADDRESS_LINE1), raw.get(CanonicalField.ADDRESS_LINE2), issues);
        String houseNumber = issues.keep(CanonicalField.HOUSE_NUMBER, AddressNormalizer.houseNumber(raw.get(CanonicalField.HOUSE_NUMBER)));
        String addressLine = null;
        if (street != null) {
            addressLine = street.line();
            if (street.houseNumber() != null) {
                houseNumber = houseNumber == null ? street.houseNumber() : houseNumber;
            } else if (houseNumber != null && street.street() != null) {
                addressLine = houseNumber + " " + street.street();
            }
        }
        String postcodeCountry = country != null ? country : region;
        String postcode = issues.keep(CanonicalField.POSTCODE, AddressNormalizer.postcode(raw.get(CanonicalField.POSTCODE), postcodeCountry));
        String city = issues.keep(CanonicalField.CITY, AddressNormalizer.city(raw.get(CanonicalField.CITY)));

        List<String> customerNumbers = customerNumbers(sourceSystem, raw, namespaces);
        // Without a declared namespace a national id is not trusted as a strong identifier (sources
        // mistype it), but it is still strong evidence: the comparisons weigh it probabilistically.
        List<String> nationalIdNamespaces = namespaces.get(CanonicalField.NATIONAL_ID);
        String nationalId = nationalIdNamespaces == null || nationalIdNamespaces.isEmpty()
                ? issues.keep(CanonicalField.NATIONAL_ID, NationalIdNormalizer.normalize(raw.get(CanonicalField.NATIONAL_ID)))
                : null;

        StandardizedRecord record = new StandardizedRecord(
                sourceSystem, sourceId, names.given(), names.family(), names.birth(),
                phoneticKeys.firstWordKey(names.given()), phoneticKeys.key(names.family()),
                dateOfBirth, gender, email == null ? null : email.address(),
                phone == null ? null : phone.e164(), mobile == null ? null : mobile.e164(),
                addressLine, houseNumber, postcode, city, country, nationalId, customerNumbers);
        return new StandardizationResult(record, issues.list());
    }

    private record Names(String given, String family, String birth) {
    }

    /** Split fields first (marital forms read, explicit birth name preferred), the full name only when both are missing. */
    private static Names names(Map<CanonicalField, String> raw, Issues issues) {
        NormalizedName given = issues.keep(CanonicalField.GIVEN_NAME, NameNormalizer.givenName(raw.get(CanonicalField.GIVEN_NAME)));
        NormalizedName middle = issues.keep(CanonicalField.MIDDLE_NAME, NameNormalizer.givenName(raw.get(CanonicalField.MIDDLE_NAME)));
        FamilyNames family = issues.keep(CanonicalField.FAMILY_NAME, NameNormalizer.familyNames(raw.get(CanonicalField.FAMILY_NAME)));
        NormalizedName birth = issues.keep(CanonicalField.BIRTH_NAME, NameNormalizer.familyName(raw.get(CanonicalField.BIRTH_NAME)));
        if (given == null && family == null) {
            SplitName split = issues.keep(CanonicalField.FULL_NAME, FullNameSplitter.split(raw.get(CanonicalField.FULL_NAME)));
            if (split != null) {
                return new Names(textOf(split.givenName()), textOf(split.familyName()), textOf(birth));
            }
        }
        String givenName = given == null ? null
                : middle == null ? given.normalized() : given.normalized() + " " + middle.normalized();
        String familyName = family == null ? null : textOf(family.usedName());
        // an explicit birth-name field beats one read from "née"
        String birthName = birth != null ? birth.normalized() : family == null ? null : textOf(family.birthName());
        return new Names(givenName, familyName, birthName);
    }

    private static String textOf(NormalizedName name) {
        return name == null ? null : name.normalized();
    }

    private String dateOfBirth(String raw, List<String> patterns, Issues issues) {
        PartialDate date = issues.keep(CanonicalField.DATE_OF_BIRTH, PartialDate.parse(raw, patterns));
        if (date == null) {
            return null;
        }
        if (date.year() < FIRST_PLAUSIBLE_BIRTH_YEAR) {
            issues.add(CanonicalField.DATE_OF_BIRTH, "date of birth before " + FIRST_PLAUSIBLE_BIRTH_YEAR);
            return null;
        }
        if (date.year() == FIRST_PLAUSIBLE_BIRTH_YEAR && Integer.valueOf(1).equals(date.month()) && Integer.valueOf(1).equals(date.day())) {
            issues.add(CanonicalField.DATE_OF_BIRTH, "placeholder date of birth");
            return null;
        }
        if (isAfter(date, referenceDate)) {
            issues.add(CanonicalField.DATE_OF_BIRTH, "date of birth in the future");
            return null;
        }
        return date.toIsoString();
    }

    /** Whether the earliest day the date may stand for is after the reference day. */
    private static boolean isAfter(PartialDate date, PartialDate reference) {
        if (date.year() != reference.year()) {
            return date.year() > reference.year();
        }
        int month = date.month() == null ? 1 : date.month();
        if (month != reference.month()) {
            return month > reference.month();
        }
        int day = date.day() == null ? 1 : date.day();
        return day > reference.day();
    }

    private static NormalizedPhone phone(CanonicalField field, String raw, String region, String country, Issues issues) {
        Parsed<NormalizedPhone> parsed = PhoneNormalizer.normalize(raw, region);
        if (parsed.isRejected() && country != null && !country.equals(region) && PhoneNormalizer.isSupportedRegion(country)) {
            // A foreign customer's national number: read it in the address country before giving up.
            Parsed<NormalizedPhone> inCountry = PhoneNormalizer.normalize(raw, country);
            if (inCountry.isPresent()) {
                return inCountry.orNull();
            }
        }
        return issues.keep(field, parsed);
    }

    private static NormalizedStreet street(String line1, String line2, Issues issues) {
        NormalizedStreet first = issues.keep(CanonicalField.ADDRESS_LINE1, AddressNormalizer.streetLine(line1));
        if (first != null && first.houseNumber() != null) {
            return first;
        }
        Parsed<NormalizedStreet> second = AddressNormalizer.streetLine(line2);
        if (second.isPresent() && second.orNull().houseNumber() != null) {
            return second.orNull();
        }
        return first;
    }

    private static List<String> customerNumbers(String sourceSystem, Map<CanonicalField, String> raw,
                                                Map<CanonicalField, List<String>> namespaces) {
        List<String> out = null;
        for (CanonicalField field : new CanonicalField[] {CanonicalField.CUSTOMER_NUMBER, CanonicalField.NATIONAL_ID}) {
            String value = raw.get(field);
            if (value == null || value.isBlank()) {
                continue;
            }
            List<String> fieldNamespaces = namespaces.get(field);
            if (fieldNamespaces == null || fieldNamespaces.isEmpty()) {
                if (field != CanonicalField.CUSTOMER_NUMBER || sourceSystem == null) {
                    continue; // a national id is used only where a contract names its namespace
                }
                fieldNamespaces = List.of(sourceSystem);
            }
            String normalized = value.strip().toUpperCase(Locale.ROOT); // leading zeros are significant
            for (String namespace : fieldNamespaces) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(namespace + ":" + normalized);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Collects issues; allocates only when there is one. */
    private static final class Issues {
        private List<StandardizationIssue> list;

        <T> T keep(CanonicalField field, Parsed<T> parsed) {
            if (parsed.isRejected()) {
                add(field, parsed.rejection().orElseThrow());
            }
            return parsed.orNull();
        }

        void add(CanonicalField field, String reason) {
            if (list == null) {
                list = new ArrayList<>(2);
            }
            list.add(new StandardizationIssue(field, reason));
        }

        List<StandardizationIssue> list() {
            return list == null ? List.of() : list;
        }
    }
}
