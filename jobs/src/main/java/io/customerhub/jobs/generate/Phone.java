package io.customerhub.jobs.generate;

/**
 * A phone number as its parts, so each silo can write it its own way.
 *
 * @param callingCode country calling code without '+', e.g. "33"
 * @param national    national significant number without trunk prefix, e.g. "612345678"
 */
public record Phone(String callingCode, String national) {

    public boolean isFrench() {
        return "33".equals(callingCode);
    }

    public String e164() {
        return "+" + callingCode + national;
    }
}
