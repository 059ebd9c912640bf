package io.customerhub.matching.standardize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Normalises phone numbers to E.164 with libphonenumber, reading national numbers in the
 * source's default region ("06 12 34 56 78" in FR), international ones whatever the region
 * ("+33 6...", "0033 6..."), and the "(0)" that people write after the country code. Numbers that
 * are not valid in their numbering plan, and obvious placeholders, are rejected. Thread-safe
 * (PhoneNumberUtil is).
 */
public final class PhoneNormalizer {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** "+33 (0)6 12", "+44 (0) 20": the national trunk prefix has no place after a country code. */
    private static final Pattern TRUNK_ZERO_AFTER_COUNTRY_CODE = Pattern.compile("^(\\s*(?:\\+|00)\\s*\\d{1,3})[\\s.-]*\\(0\\)");

    /** Overseas region by the first three digits of a French-format national number (after the 0). */
    private static final Map<String, String> FRENCH_OVERSEAS_BY_PREFIX = Map.ofEntries(
            Map.entry("590", "GP"), Map.entry("690", "GP"), Map.entry("691", "GP"),
            Map.entry("596", "MQ"), Map.entry("696", "MQ"), Map.entry("697", "MQ"),
            Map.entry("594", "GF"), Map.entry("694", "GF"),
            Map.entry("262", "RE"), Map.entry("263", "RE"), Map.entry("692", "RE"), Map.entry("693", "RE"),
            Map.entry("269", "YT"), Map.entry("639", "YT"),
            Map.entry("508", "PM"));

    private PhoneNormalizer() {
    }

    /**
     * @param raw           the number as the source wrote it
     * @param defaultRegion ISO alpha-2 region used for numbers written without a country code, e.g.
     *                      "FR"; null when the source has none (then only international numbers pass)
     */
    public static Parsed<NormalizedPhone> normalize(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        String region = defaultRegion == null ? "ZZ" : defaultRegion.strip().toUpperCase(Locale.ROOT);
        String text = digitsAndPlus(TRUNK_ZERO_AFTER_COUNTRY_CODE.matcher(raw).replaceFirst("$1 "));
        PhoneNumber number;
        try {
            number = UTIL.parse(text, region);
        } catch (NumberParseException e) {
            return Parsed.rejected(reason(e.getErrorType()));
        }
        // getNumberType is UNKNOWN exactly when isValidNumber is false: one pass over the patterns, not two.
        PhoneNumberUtil.PhoneNumberType numberType = UTIL.getNumberType(number);
        if (numberType == PhoneNumberUtil.PhoneNumberType.UNKNOWN && region.equals("FR") && !text.startsWith("+")) {
            // Overseas départements share the French trunk prefix but have their own country codes:
            // "0690 12 34 56" is a Guadeloupe mobile, +590 690 12 34 56.
            String overseas = frenchOverseasRegion(String.valueOf(number.getNationalNumber()));
            if (overseas != null) {
                try {
                    PhoneNumber candidate = UTIL.parse(text, overseas);
                    PhoneNumberUtil.PhoneNumberType candidateType = UTIL.getNumberType(candidate);
                    if (candidateType != PhoneNumberUtil.PhoneNumberType.UNKNOWN) {
                        number = candidate;
                        numberType = candidateType;
                    }
                } catch (NumberParseException e) {
                    // keep the French reading and its rejection
                }
            }
        }
        String nationalNumber = UTIL.getNationalSignificantNumber(number);
        if (isPlaceholder(nationalNumber)) {
            return Parsed.rejected("placeholder phone number");
        }
        if (numberType == PhoneNumberUtil.PhoneNumberType.UNKNOWN) {
            return Parsed.rejected(switch (UTIL.isPossibleNumberWithReason(number)) {
                case TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY -> "phone number too short for its country";
                case TOO_LONG -> "phone number too long for its country";
                case INVALID_LENGTH -> "phone number of impossible length for its country";
                case INVALID_COUNTRY_CODE -> "unknown country code";
                default -> "phone number not valid in its numbering plan";
            });
        }
        String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        return Parsed.of(new NormalizedPhone(e164, typeOf(numberType), UTIL.getRegionCodeForNumber(number)));
    }

    private static String frenchOverseasRegion(String nationalNumber) {
        return nationalNumber.length() == 9 ? FRENCH_OVERSEAS_BY_PREFIX.get(nationalNumber.substring(0, 3)) : null;
    }

    /** Whether a region code is one libphonenumber knows (for checking source contracts). */
    public static boolean isSupportedRegion(String regionCode) {
        return regionCode != null && UTIL.getSupportedRegions().contains(regionCode.toUpperCase(Locale.ROOT));
    }

    private static PhoneType typeOf(PhoneNumberUtil.PhoneNumberType numberType) {
        return switch (numberType) {
            case MOBILE -> PhoneType.MOBILE;
            case FIXED_LINE -> PhoneType.LANDLINE;
            case FIXED_LINE_OR_MOBILE -> PhoneType.FIXED_LINE_OR_MOBILE;
            default -> PhoneType.OTHER;
        };
    }

    /**
     * Keeps the digits (and a leading '+') of the number part: from the first digit or '+' to the
     * first letter, so "Tél. : 06 12 34 56 78 (bureau)" and "+33 6 12 34 56 78 ext 12" give the
     * number alone (E.164 has no extension anyway). libphonenumber would read letters as keypad
     * digits, and separators only slow its regexes down. Text without any digit goes through
     * unchanged so libphonenumber names the problem.
     */
    static String digitsAndPlus(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c == '+' && out.length() == 0) {
                out.append(c);
            } else if (Character.isLetter(c) && out.length() > 0) {
                break; // a comment or extension after the number
            }
        }
        return out.length() == 0 || (out.length() == 1 && out.charAt(0) == '+') ? text : out.toString();
    }

    /** "0000000000", "0600000000", "0123456789": typed to get past a mandatory field. */
    private static boolean isPlaceholder(String nationalNumber) {
        if (nationalNumber.length() < 4) {
            return false;
        }
        if (nationalNumber.equals("123456789") || nationalNumber.equals("1234567890")) {
            return true;
        }
        char repeated = nationalNumber.charAt(1);
        for (int i = 2; i < nationalNumber.length(); i++) {
            if (nationalNumber.charAt(i) != repeated) {
                return false;
            }
        }
        return true;
    }

    private static String reason(NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> "no country code and no default region, or unknown country code";
            case NOT_A_NUMBER -> "not a phone number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "phone number too short";
            case TOO_LONG -> "phone number too long";
        };
    }
}
