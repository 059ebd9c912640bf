package io.customerhub.jobs.generate;

import java.util.List;

/** People generated together: a household, or a pair of look-alikes that must NOT be merged. */
record PersonGroup(Kind kind, List<Person> members) {

    enum Kind {
        SINGLE("single", false),
        COUPLE("couple", false),
        TWINS("twins", true),
        FATHER_SON("father_son", true),
        HOMONYMS("homonyms", true);

        private final String label;
        private final boolean hardNegative;

        Kind(String label, boolean hardNegative) {
            this.label = label;
            this.hardNegative = hardNegative;
        }

        String label() {
            return label;
        }

        /** Two different people who look alike on name, date of birth or address. */
        boolean hardNegative() {
            return hardNegative;
        }
    }
}
