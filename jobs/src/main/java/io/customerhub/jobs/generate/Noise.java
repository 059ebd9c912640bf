package io.customerhub.jobs.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** The small ways silos get a person's data wrong, each drawn from the one seeded random. */
final class Noise {

    /** Phone styles: "06 12 34 56 78", "0612345678", "06.12.34.56.78", "+33 6 12 34 56 78", "+33612345678",
     * "0033612345678", "06-12-34-56-78", "+33 (0)6 12 34 56 78". */
    static final int PHONE_SPACED = 0;
    static final int PHONE_PLAIN = 1;
    static final int PHONE_DOTTED = 2;
    static final int PHONE_INTERNATIONAL_SPACED = 3;
    static final int PHONE_E164 = 4;
    static final int PHONE_DOUBLE_ZERO = 5;
    static final int PHONE_DASHED = 6;
    static final int PHONE_TRUNK_IN_BRACKETS = 7;
    static final int PHONE_STYLES = 8;

    private static final String TYPO_LETTERS = "aeiounrstlmc";

    private final SplittableRandom random;
    private final Map<String, List<String>> shortForms;

    Noise(SplittableRandom random, Map<String, List<String>> shortForms) {
        this.random = random;
        this.shortForms = shortForms;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    long nextLong() {
        return random.nextLong();
    }

    /** One keyboard slip: two letters swapped, one dropped, one inserted or one replaced. */
    String typo(String s) {
        if (s == null || s.length() < 3) {
            return s;
        }
        // Keep the first letter: people rarely mistype it, and blocking keys rely on it.
        int at = 1 + random.nextInt(s.length() - 2);
        StringBuilder out = new StringBuilder(s);
        switch (random.nextInt(4)) {
            case 0 -> {
                char c = out.charAt(at);
                out.setCharAt(at, out.charAt(at + 1));
                out.setCharAt(at + 1, c);
            }
            case 1 -> out.deleteCharAt(at);
            case 2 -> out.insert(at, TYPO_LETTERS.charAt(random.nextInt(TYPO_LETTERS.length())));
            default -> out.setCharAt(at, TYPO_LETTERS.charAt(random.nextInt(TYPO_LETTERS.length())));
        }
        return out.toString();
    }

    /** A nickname or short form ("Alexandre" to "Alex", "Jean-Pierre" to "J-P"), when the name has one. */
    String shortForm(String given) {
        List<String> forms = shortForms.get(given);
        return forms == null ? given : forms.get(random.nextInt(forms.size()));
    }

    /** "Jean-Pierre" written "Jean Pierre", "Jean-pierre", "Jean" or "JP". */
    String compoundVariant(String given) {
        int hyphen = given.indexOf('-');
        if (hyphen < 0) {
            return given;
        }
        return switch (random.nextInt(4)) {
            case 0 -> given.replace('-', ' ');
            case 1 -> given.substring(0, hyphen + 1) + given.substring(hyphen + 1).toLowerCase(Locale.ROOT);
            case 2 -> given.substring(0, hyphen);
            default -> "" + given.charAt(0) + given.charAt(hyphen + 1);
        };
    }

    /**
     * Particles and apostrophes written another way: "de la Fontaine" as "Delafontaine" or "Fontaine",
     * "N'Diaye" as "N Diaye", "NDiaye" or "N’Diaye", "Saint-Martin" as "Saint Martin".
     */
    String familyVariant(String family) {
        boolean apostrophe = family.indexOf('\'') >= 0;
        boolean space = family.indexOf(' ') >= 0;
        boolean hyphen = family.indexOf('-') >= 0;
        if (!apostrophe && !space && !hyphen) {
            return family;
        }
        int choice = random.nextInt(3);
        if (apostrophe) {
            return switch (choice) {
                case 0 -> family.replace('\'', ' ');
                case 1 -> family.replace("'", "");
                default -> family.replace('\'', '’');
            };
        }
        if (choice == 0) {
            return Texts.capitalize(family.replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT));
        }
        if (choice == 1 && space) {
            return family.substring(family.lastIndexOf(' ') + 1);
        }
        return hyphen ? family.replace('-', ' ') : family.replace(' ', '-');
    }

    /** Upper, lower or title case. */
    String caseVariant(String s) {
        if (s == null) {
            return null;
        }
        return switch (random.nextInt(3)) {
            case 0 -> s.toUpperCase(Locale.ROOT);
            case 1 -> s.toLowerCase(Locale.ROOT);
            default -> Texts.capitalize(s);
        };
    }

    /** "Marie.Dupont@Gmail.com", "mariedupont@gmail.com" (gmail ignores dots), "marie.dupont+shop@gmail.com". */
    String emailVariant(String email) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        return switch (random.nextInt(4)) {
            case 0 -> Texts.capitalize(local.replace('.', ' ')).replace(' ', '.') + "@" + Texts.capitalize(domain);
            case 1 -> "gmail.com".equals(domain) ? local.replace(".", "") + "@" + domain : email.toUpperCase(Locale.ROOT);
            case 2 -> local + "+" + (random.nextBoolean() ? "shop" : "news") + "@" + domain;
            default -> email.toUpperCase(Locale.ROOT);
        };
    }

    /** 03/07 read as 07/03: only possible (and only undetectable) when the day is 12 or less. */
    LocalDate transposedDayAndMonth(LocalDate date) {
        if (date.getDayOfMonth() > 12 || date.getDayOfMonth() == date.getMonthValue()) {
            return date;
        }
        return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
    }

    String phone(Phone phone, int style) {
        if (!phone.isFrench()) {
            return switch (style % 3) {
                case 0 -> phone.e164();
                case 1 -> "00" + phone.callingCode() + phone.national();
                default -> "+" + phone.callingCode() + " " + grouped(phone.national(), 3, ' ');
            };
        }
        String national = "0" + phone.national();
        return switch (style) {
            case PHONE_SPACED -> grouped(national, 2, ' ');
            case PHONE_PLAIN -> national;
            case PHONE_DOTTED -> grouped(national, 2, '.');
            case PHONE_INTERNATIONAL_SPACED -> "+33 " + phone.national().charAt(0) + " " + grouped(phone.national().substring(1), 2, ' ');
            case PHONE_E164 -> phone.e164();
            case PHONE_DOUBLE_ZERO -> "0033" + phone.national();
            case PHONE_DASHED -> grouped(national, 2, '-');
            default -> "+33 (0)" + phone.national().charAt(0) + " " + grouped(phone.national().substring(1), 2, ' ');
        };
    }

    private static String grouped(String digits, int size, char separator) {
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / size);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && i % size == 0) {
                out.append(separator);
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }
}
