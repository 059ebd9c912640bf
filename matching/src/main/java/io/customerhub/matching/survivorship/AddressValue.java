package io.customerhub.matching.survivorship;

import java.util.stream.Stream;

/** A postal address as one source gave it; its parts survive together so that two addresses never mix. */
public record AddressValue(String line1, String line2, String houseNumber, String postcode, String city, String country) {

    /** Number of parts given ({@link Rule#MOST_COMPLETE}). */
    public int givenParts() {
        return (int) Stream.of(line1, line2, houseNumber, postcode, city, country).filter(p -> p != null && !p.isBlank()).count();
    }
}
