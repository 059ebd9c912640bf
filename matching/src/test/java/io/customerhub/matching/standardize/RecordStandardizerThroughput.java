package io.customerhub.matching.standardize;

import static io.customerhub.matching.record.CanonicalField.*;

import io.customerhub.matching.record.CanonicalField;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Single-thread records per CPU second of {@link RecordStandardizer} on synthetic messy French and foreign
 * records (every field filled, some values invalid). Run: java ... RecordStandardizerThroughput [seconds].
 */
public final class RecordStandardizerThroughput {

    private static final String[] GIVEN_VALUES = {"Marie-Hélène", "Jean Pierre", "J.-P.", "Zoé", "Mohamed", "Catherine",
            "Yann", "Anne-Sophie", "Kévin", "Aïcha", "John", "Ursula"};
    private static final String[] FAMILY_VALUES = {"Lefèvre", "N'Diaye", "de la Fontaine", "MARTIN née DUPONT", "Le Gall",
            "Müller", "O’Neil", "Nguyen", "Dupont-Martin", "Smith Jr.", "García López", "xxx"};
    private static final String[] FULL_VALUES = {"DUPONT Marie", "Marie Dupont", "Dupont, Marie", "Mme LE GALL Yann"};
    private static final String[] DOB_VALUES = {"13/02/1980", "1980-02-13", "02/1980", "1975", "31/02/1980", "01/01/1900"};
    private static final String[] GENDER_VALUES = {"M", "F", "Homme", "Femme", "1", "2", "U"};
    private static final String[] EMAIL_VALUES = {"Marie.Dupont+promo@GMail.com", "jp.martin@orange.fr", "bad.email.fr",
            "contact@acme-corp.co.uk", "m.a.r.i.e@googlemail.com"};
    private static final String[] PHONE_VALUES = {"06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678", "(0)6.12.34.56.78",
            "01 42 86 82 00", "+44 20 7946 0958", "030 123456", "06 12"};
    private static final String[] LINE1_VALUES = {"12 bis, av. de la République", "3 Bd. St-Michel", "221B Baker St.",
            "Hauptstr. 5a", "Résidence Les Pins", "18 Rue du Fbg St-Honoré", "12-14 rue de la Paix"};
    private static final String[] POSTCODE_VALUES = {"75011", "75 001", "1000", "SW1A 1AA", "80331", "750011"};
    private static final String[] CITY_VALUES = {"Paris Cedex 08", "PARIS 15", "St-Étienne", "Lyon 3ème", "London", "München"};
    private static final String[] COUNTRY_VALUES = {"France", "FR", "FRA", "UK", "Deutschland", ""};

    public static List<Map<CanonicalField, String>> records(int count, long seed) {
        Random random = new Random(seed);
        List<Map<CanonicalField, String>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<CanonicalField, String> raw = new EnumMap<>(CanonicalField.class);
            if (random.nextInt(4) == 0) {
                raw.put(FULL_NAME, pick(FULL_VALUES, random));
            } else {
                raw.put(GIVEN_NAME, pick(GIVEN_VALUES, random));
                raw.put(FAMILY_NAME, pick(FAMILY_VALUES, random));
            }
            raw.put(DATE_OF_BIRTH, pick(DOB_VALUES, random));
            raw.put(GENDER, pick(GENDER_VALUES, random));
            raw.put(EMAIL, pick(EMAIL_VALUES, random));
            raw.put(PHONE, pick(PHONE_VALUES, random));
            raw.put(MOBILE_PHONE, pick(PHONE_VALUES, random));
            raw.put(ADDRESS_LINE1, pick(LINE1_VALUES, random));
            raw.put(POSTCODE, pick(POSTCODE_VALUES, random));
            raw.put(CITY, pick(CITY_VALUES, random));
            raw.put(COUNTRY, pick(COUNTRY_VALUES, random));
            raw.put(CUSTOMER_NUMBER, "C" + String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000)));
            out.add(raw);
        }
        return out;
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /**
     * Records per second of thread CPU time over {@code seconds} of it, after a warm-up of the same
     * length. CPU time, not wall time, so that other processes on a shared machine do not count.
     */
    public static double recordsPerCpuSecond(double seconds) {
        List<Map<CanonicalField, String>> records = records(10_000, 42);
        RecordStandardizer standardizer = new RecordStandardizer(LocalDate.of(2026, 1, 15));
        Map<CanonicalField, List<String>> namespaces = Map.of(CUSTOMER_NUMBER, List.of("branch_crm"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        double rate = 0;
        for (int pass = 0; pass < 2; pass++) {
            long start = threads.getCurrentThreadCpuTime();
            long done = 0;
            while (threads.getCurrentThreadCpuTime() - start < (long) (seconds * 1e9)) {
                for (Map<CanonicalField, String> raw : records) {
                    sink += standardizer.standardize("web_shop", "id", raw, "FR", namespaces).issues().size();
                }
                done += records.size();
            }
            rate = done / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
        }
        if (sink == 42) {
            System.out.print("");
        }
        return rate;
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.out.printf(Locale.ROOT, "RecordStandardizer: %.0f records per CPU second on one thread%n",
                recordsPerCpuSecond(seconds));
    }
}
