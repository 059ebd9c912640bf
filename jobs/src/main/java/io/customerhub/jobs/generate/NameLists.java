package io.customerhub.jobs.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The name, street and place lists the generator draws from (resource files, one entry a line). */
record NameLists(
        Map<String, List<String>> givenNamesByOriginAndGender,
        Map<String, List<String>> familyNamesByOrigin,
        Map<String, List<String>> shortForms,
        List<String> streets,
        List<Place> frenchPlaces,
        List<Address> foreignPlaces,
        Map<String, String> callingCodes,
        List<String> emailDomains) {

    /** A French postcode and its city. */
    record Place(String postcode, String city) {
    }

    static NameLists load() {
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (String[] f : rows("given-names.csv", 3)) {
            given.computeIfAbsent(f[0] + ";" + f[1], k -> new ArrayList<>()).add(f[2]);
        }
        Map<String, List<String>> family = new LinkedHashMap<>();
        for (String[] f : rows("family-names.csv", 2)) {
            family.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
        }
        Map<String, List<String>> shortForms = new LinkedHashMap<>();
        for (String line : lines("nicknames.csv")) {
            String[] f = line.split("=", 2);
            shortForms.put(f[0], List.of(f[1].split("\\|")));
        }
        List<Place> places = rows("cities.csv", 2).stream().map(f -> new Place(f[0], f[1])).toList();
        List<Address> foreign = new ArrayList<>();
        Map<String, String> callingCodes = new LinkedHashMap<>();
        callingCodes.put("FR", "33");
        for (String[] f : rows("foreign-places.csv", 6)) {
            foreign.add(new Address(f[4], f[2], f[3], f[0], f[1]));
            callingCodes.put(f[0], f[5]);
        }
        return new NameLists(given, family, shortForms, lines("streets.txt"), places, foreign, callingCodes,
                lines("email-domains.txt"));
    }

    List<String> givenNames(String origin, Person.Gender gender) {
        return givenNamesByOriginAndGender.get(origin + ";" + gender);
    }

    private static List<String[]> rows(String resource, int columns) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(resource)) {
            String[] fields = line.split(";", -1);
            if (fields.length != columns) {
                throw new IllegalStateException(resource + ": expected " + columns + " fields in every line");
            }
            rows.add(fields);
        }
        return rows;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = NameLists.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
