package io.customerhub.jobs.generate;

/** A postal address as a person really has it; silos get noisy copies. */
public record Address(String street, String postcode, String city, String countryCode, String countryName) {

    public boolean isFrench() {
        return "FR".equals(countryCode);
    }
}
