package io.customerhub.matching.compare;

import io.customerhub.matching.standardize.TextFolding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Given names and their usual nicknames (BILL / WILLIAM, PEGGY / MARGARET, SASHA / ALEXANDER): a
 * curated English list, given-name-nicknames.csv (the "nicknames" package, Apache 2.0; see its
 * LICENSE file beside it). Only the listed pairs count, not chains through a shared nickname: ALEX
 * is a nickname of both ALEXANDER and ALEXANDRA, which are not one name.
 */
public final class Nicknames {

    static final String RESOURCE = "/io/customerhub/matching/given-name-nicknames.csv";
    private static final Set<String> PAIRS = load();

    private Nicknames() {
    }

    /** Whether one standardised given name (one word, upper case) is a listed nickname of the other. */
    public static boolean pair(String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            return false;
        }
        return PAIRS.contains(key(a, b));
    }

    /** How many name / nickname pairs are listed. */
    static int size() {
        return PAIRS.size();
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + '|' + b : b + '|' + a;
    }

    private static Set<String> load() {
        Set<String> pairs = new HashSet<>();
        try (InputStream in = Nicknames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the matching jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (header == null || !header.startsWith("name1,relationship,name2")) {
                throw new IllegalStateException(RESOURCE + ": expected the header name1,relationship,name2");
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] parts = line.split(",", -1);
                if (parts.length != 3 || !parts[1].equals("has_nickname")) {
                    continue;
                }
                String name = TextFolding.words(parts[0]);
                String nickname = TextFolding.words(parts[2]);
                if (!name.isEmpty() && !nickname.isEmpty() && !name.equals(nickname)) {
                    pairs.add(key(name, nickname));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(pairs);
    }
}
