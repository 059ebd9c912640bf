package io.customerhub.matching.standardize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises e-mail addresses for matching: trimmed, lower case, "mailto:" and display names
 * removed, "+tag" sub-addresses removed, dots removed where the provider ignores them (Gmail),
 * googlemail.com read as gmail.com. Invalid syntax is rejected with a reason. Thread-safe.
 */
public final class EmailNormalizer {

    /** RFC 5322 dot-atom local part (the quoted form is not used by real customers). */
    private static final Pattern LOCAL_PART = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{2,59})");
    private static final Pattern DISPLAY_NAME_FORM = Pattern.compile(".*<([^<>]+)>\\s*");

    /** Providers that deliver "ma.rie" and "marie" to the same mailbox. */
    private static final Set<String> DOTS_IGNORED = Set.of("gmail.com");

    /** Local parts that stand for "no e-mail" in forms that require one. */
    private static final Set<String> PLACEHOLDER_LOCAL_PARTS = Set.of(
            "noemail", "no-email", "no.email", "nomail", "no-mail", "pasdemail", "pas-de-mail",
            "aucunmail", "aucun", "none", "null", "test", "xxx", "xx", "x", "inconnu", "nepasutiliser", "na", "nc");
    private static final Set<String> PLACEHOLDER_DOMAINS = Set.of(
            "example.com", "example.org", "example.net", "test.com", "test.fr", "xxx.com", "xxx.fr", "aucun.fr",
            "inconnu.fr", "nomail.com", "noemail.com");

    private static final Set<String> FREE_MAIL_DOMAINS = loadDomains("free-mail-domains.txt");

    private EmailNormalizer() {
    }

    public static Parsed<NormalizedEmail> normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Parsed.empty();
        }
        String text = raw.strip();
        if (text.indexOf('<') >= 0) {
            var displayName = DISPLAY_NAME_FORM.matcher(text);
            if (displayName.matches()) {
                text = displayName.group(1).strip(); // "Marie Dupont <marie@x.fr>"
            }
        }
        text = text.toLowerCase(Locale.ROOT);
        if (text.startsWith("mailto:")) {
            text = text.substring("mailto:".length());
        }
        int at = text.indexOf('@');
        if (at < 0) {
            return Parsed.rejected("no @ in e-mail");
        }
        if (text.indexOf('@', at + 1) >= 0) {
            return Parsed.rejected("more than one @ in e-mail");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (local.isEmpty() || domain.isEmpty()) {
            return Parsed.rejected("empty local part or domain in e-mail");
        }
        if (!TextFolding.isPlainAscii(text)) {
            return Parsed.rejected("non-ASCII characters in e-mail");
        }
        if (local.length() > 64 || !LOCAL_PART.matcher(local).matches()) {
            return Parsed.rejected("invalid local part in e-mail");
        }
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            return Parsed.rejected("invalid domain in e-mail");
        }
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus); // sub-address: "marie+shop" is marie's mailbox
        }
        if (DOTS_IGNORED.contains(domain)) {
            local = local.replace(".", "");
        }
        if (PLACEHOLDER_LOCAL_PARTS.contains(local) || PLACEHOLDER_DOMAINS.contains(domain)) {
            return Parsed.rejected("placeholder e-mail");
        }
        return Parsed.of(new NormalizedEmail(local + "@" + domain, local, domain, isFreeMailDomain(domain)));
    }

    /** Whether a lower-case domain is a consumer mailbox provider (bundled list). */
    public static boolean isFreeMailDomain(String domain) {
        return domain != null && FREE_MAIL_DOMAINS.contains(domain);
    }

    private static Set<String> loadDomains(String resource) {
        Set<String> domains = new HashSet<>();
        try (InputStream in = EmailNormalizer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String domain = line.strip().toLowerCase(Locale.ROOT);
                if (!domain.isEmpty() && !domain.startsWith("#")) {
                    domains.add(domain);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(domains);
    }
}
