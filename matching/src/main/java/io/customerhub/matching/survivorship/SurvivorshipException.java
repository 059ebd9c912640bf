package io.customerhub.matching.survivorship;

import java.util.List;

/** Survivorship settings that cannot be used; the message lists every problem and its fix. */
public class SurvivorshipException extends RuntimeException {

    private final List<String> problems;

    public SurvivorshipException(List<String> problems) {
        super("invalid survivorship settings (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
