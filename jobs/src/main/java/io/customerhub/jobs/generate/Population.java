package io.customerhub.jobs.generate;

import io.customerhub.jobs.generate.Person.Gender;
import io.customerhub.jobs.generate.PersonGroup.Kind;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/** Draws the real people, group by group, until the requested number is reached. */
final class Population {

    private static final String[] ORIGINS = {"fr", "maghreb", "wafrica", "pt", "vn", "eeu", "it_es"};
    private static final double[] ORIGIN_WEIGHTS = {0.68, 0.10, 0.06, 0.06, 0.03, 0.04, 0.03};
    private static final Kind[] GROUP_KINDS = {Kind.SINGLE, Kind.COUPLE, Kind.TWINS, Kind.FATHER_SON, Kind.HOMONYMS};
    private static final double[] GROUP_WEIGHTS = {0.52, 0.36, 0.045, 0.035, 0.04};
    /** Homonyms are drawn from the most common French names (the first entries of each list). */
    private static final int COMMON_NAMES = 12;
    private static final long OLDEST_BIRTH = LocalDate.of(1935, 1, 1).toEpochDay();
    private static final long YOUNGEST_BIRTH = LocalDate.of(2006, 12, 31).toEpochDay();

    private final NameLists lists;
    private final SplittableRandom random;
    private final long people;
    private long drawn;
    private long personNumber;

    Population(NameLists lists, SplittableRandom random, long people) {
        this.lists = lists;
        this.random = random;
        this.people = people;
    }

    boolean hasNext() {
        return drawn < people;
    }

    PersonGroup next() {
        Kind kind = people - drawn < 2 ? Kind.SINGLE : GROUP_KINDS[weighted(GROUP_WEIGHTS)];
        PersonGroup group = switch (kind) {
            case SINGLE -> new PersonGroup(kind, List.of(single()));
            case COUPLE -> couple();
            case TWINS -> twins();
            case FATHER_SON -> fatherAndSon();
            case HOMONYMS -> homonyms();
        };
        drawn += group.members().size();
        return group;
    }

    private Person single() {
        String origin = origin();
        Gender gender = gender();
        String given = givenName(origin, gender);
        String family = familyName(mixedOrigin(origin));
        LocalDate birth = birthDate(OLDEST_BIRTH, YOUNGEST_BIRTH);
        Address address = address(origin);
        return person(gender, given, family, family, birth, address, email(given, family, birth), landline(address), null);
    }

    private PersonGroup couple() {
        String origin = origin();
        String herOrigin = random.nextDouble() < 0.85 ? origin : origin();
        String hisFamily = familyName(mixedOrigin(origin));
        String herBirthName = familyName(herOrigin);
        String his = givenName(origin, Gender.M);
        String hers = givenName(herOrigin, Gender.F);
        LocalDate hisBirth = birthDate(OLDEST_BIRTH, YOUNGEST_BIRTH - 3650);
        LocalDate herBirth = hisBirth.plusDays(random.nextInt(-2500, 2500));
        // Most wives use the husband's name; the CRM keeps the birth name beside it.
        String herFamily = random.nextDouble() < 0.75 ? hisFamily : herBirthName;
        Address home = address(origin);
        Phone landline = landline(home);
        String hisEmail = email(his, hisFamily, hisBirth);
        String herEmail;
        double shared = random.nextDouble();
        if (shared < 0.15) {
            herEmail = hisEmail;
        } else if (shared < 0.35) {
            hisEmail = "famille." + Texts.emailToken(hisFamily) + "@" + domain();
            herEmail = hisEmail;
        } else {
            herEmail = email(hers, herFamily, herBirth);
        }
        return new PersonGroup(Kind.COUPLE, List.of(
                person(Gender.M, his, hisFamily, hisFamily, hisBirth, home, hisEmail, landline, null),
                person(Gender.F, hers, herFamily, herBirthName, herBirth, home, herEmail, landline, null)));
    }

    private PersonGroup twins() {
        String origin = origin();
        String family = familyName(origin);
        LocalDate birth = birthDate(OLDEST_BIRTH, YOUNGEST_BIRTH);
        Address home = address(origin);
        Phone landline = landline(home);
        Gender first = gender();
        Gender second = random.nextDouble() < 0.6 ? first : other(first);
        String firstName = givenName(origin, first);
        String secondName = givenName(origin, second);
        while (secondName.equals(firstName)) {
            secondName = givenName(origin, second);
        }
        String firstEmail = email(firstName, family, birth);
        String secondEmail = random.nextDouble() < 0.3 ? firstEmail : email(secondName, family, birth);
        return new PersonGroup(Kind.TWINS, List.of(
                person(first, firstName, family, family, birth, home, firstEmail, landline, null),
                person(second, secondName, family, family, birth, home, secondEmail, landline, null)));
    }

    private PersonGroup fatherAndSon() {
        String origin = origin();
        String family = familyName(origin);
        String given = givenName(origin, Gender.M);
        LocalDate fatherBirth = birthDate(LocalDate.of(1940, 1, 1).toEpochDay(), LocalDate.of(1976, 12, 31).toEpochDay());
        LocalDate sonBirth = fatherBirth.plusYears(random.nextInt(25, 31)).plusDays(random.nextInt(0, 365));
        Address home = address(origin);
        Phone landline = landline(home);
        return new PersonGroup(Kind.FATHER_SON, List.of(
                person(Gender.M, given, family, family, fatherBirth, home, email(given, family, fatherBirth), landline, null),
                person(Gender.M, given, family, family, sonBirth, home, email(given, family, sonBirth), landline, "Jr")));
    }

    private PersonGroup homonyms() {
        Gender gender = gender();
        List<String> givenNames = lists.givenNames("fr", gender);
        List<String> familyNames = lists.familyNamesByOrigin().get("fr");
        String given = givenNames.get(random.nextInt(Math.min(COMMON_NAMES, givenNames.size())));
        String family = familyNames.get(random.nextInt(Math.min(COMMON_NAMES, familyNames.size())));
        LocalDate firstBirth = birthDate(OLDEST_BIRTH, YOUNGEST_BIRTH);
        LocalDate secondBirth = LocalDate.ofYearDay(firstBirth.getYear(), random.nextInt(1, 366));
        Address firstHome = frenchAddress();
        Address secondHome = frenchAddress();
        while (secondHome.city().equals(firstHome.city())) {
            secondHome = frenchAddress();
        }
        return new PersonGroup(Kind.HOMONYMS, List.of(
                person(gender, given, family, family, firstBirth, firstHome, email(given, family, firstBirth), landline(firstHome), null),
                person(gender, given, family, family, secondBirth, secondHome, email(given, family, secondBirth), landline(secondHome), null)));
    }

    private Person person(Gender gender, String given, String family, String birthName, LocalDate birth,
                          Address address, String email, Phone landline, String suffix) {
        // Person ids count up in drawing order, so they are stable for a seed.
        String id = Texts.paddedId("P", ++personNumber, 8);
        Address previous = random.nextDouble() < 0.12 ? frenchAddress() : null;
        return new Person(id, gender, given, family, birthName, birth, address, previous, email, mobile(address),
                landline, suffix);
    }

    private String origin() {
        return ORIGINS[weighted(ORIGIN_WEIGHTS)];
    }

    /** A few people carry a family name from another origin than their given name. */
    private String mixedOrigin(String origin) {
        return random.nextDouble() < 0.05 ? origin() : origin;
    }

    private Gender gender() {
        return random.nextBoolean() ? Gender.F : Gender.M;
    }

    private static Gender other(Gender g) {
        return g == Gender.F ? Gender.M : Gender.F;
    }

    private String givenName(String origin, Gender gender) {
        return pick(lists.givenNames(origin, gender));
    }

    private String familyName(String origin) {
        return pick(lists.familyNamesByOrigin().get(origin));
    }

    private LocalDate birthDate(long fromEpochDay, long toEpochDay) {
        return LocalDate.ofEpochDay(random.nextLong(fromEpochDay, toEpochDay + 1));
    }

    private Address address(String origin) {
        double foreign = switch (origin) {
            case "pt" -> 0.2;
            case "maghreb", "wafrica", "eeu", "it_es" -> 0.08;
            default -> 0.04;
        };
        if (random.nextDouble() >= foreign) {
            return frenchAddress();
        }
        Address place = pick(lists.foreignPlaces());
        return new Address(houseNumber() + " " + place.street(), place.postcode(), place.city(),
                place.countryCode(), place.countryName());
    }

    private Address frenchAddress() {
        NameLists.Place place = pick(lists.frenchPlaces());
        return new Address(houseNumber() + " " + pick(lists.streets()), place.postcode(), place.city(), "FR", "France");
    }

    private String houseNumber() {
        int number = random.nextInt(1, 181);
        return random.nextDouble() < 0.06 ? number + " bis" : Integer.toString(number);
    }

    private Phone mobile(Address address) {
        // People abroad often keep a French mobile.
        String callingCode = address.isFrench() || random.nextBoolean()
                ? "33" : lists.callingCodes().get(address.countryCode());
        char first = "33".equals(callingCode) ? (random.nextDouble() < 0.8 ? '6' : '7') : '9';
        return new Phone(callingCode, first + digits(8));
    }

    private Phone landline(Address address) {
        if (random.nextDouble() >= 0.4) {
            return null;
        }
        String callingCode = lists.callingCodes().get(address.countryCode());
        return new Phone(callingCode, (char) ('1' + random.nextInt(5)) + digits(8));
    }

    private String digits(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(out);
    }

    private String email(String given, String family, LocalDate birth) {
        String g = Texts.emailToken(given);
        String f = Texts.emailToken(family);
        String local = switch (random.nextInt(7)) {
            case 0, 1 -> g + "." + f;
            case 2 -> g + f;
            case 3 -> g.charAt(0) + "." + f;
            case 4 -> f + "." + g;
            case 5 -> g + "_" + f;
            default -> g + "." + f + (birth.getYear() % 100 < 10 ? "0" : "") + birth.getYear() % 100;
        };
        if (random.nextDouble() < 0.25) {
            local = local + random.nextInt(1, 1000);
        }
        return local + "@" + domain();
    }

    /** The first domains of the list are the most common ones. */
    private String domain() {
        List<String> domains = lists.emailDomains();
        int index = random.nextDouble() < 0.6 ? random.nextInt(Math.min(4, domains.size())) : random.nextInt(domains.size());
        return domains.get(index);
    }

    private int weighted(double[] weights) {
        double r = random.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
