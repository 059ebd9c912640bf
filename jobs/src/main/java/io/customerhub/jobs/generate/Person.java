package io.customerhub.jobs.generate;

import java.time.LocalDate;

/**
 * A real person behind the silo records (the ground truth).
 *
 * @param birthName       family name at birth; equals familyName unless changed by marriage
 * @param previousAddress where the person lived before moving, or null; stale silos keep it
 * @param suffix          generational suffix ("Jr") for a son named like his father, or null
 * @param landline        home phone, or null
 */
public record Person(
        String personId,
        Gender gender,
        String givenName,
        String familyName,
        String birthName,
        LocalDate birthDate,
        Address address,
        Address previousAddress,
        String email,
        Phone mobile,
        Phone landline,
        String suffix) {

    public enum Gender { F, M }

    public boolean marriedName() {
        return !birthName.equals(familyName);
    }
}
