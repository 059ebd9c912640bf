package io.customerhub.matching.standardize;

import java.util.List;

/**
 * A name after standardisation.
 *
 * @param original   the text as the source gave it (for display and audit, never for matching)
 * @param normalized upper-case ASCII words separated by one space, titles removed ("JEAN PIERRE")
 * @param tokens     the words of {@code normalized}, in order
 */
public record NormalizedName(String original, String normalized, List<String> tokens) {

    public NormalizedName {
        tokens = List.copyOf(tokens);
    }

    /** The words joined without spaces: "DE LA FONTAINE" and "DELAFONTAINE" both give "DELAFONTAINE". */
    public String compact() {
        return NameNormalizer.compact(normalized);
    }
}
