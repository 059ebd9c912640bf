package io.customerhub.jobs.contract;

/** One thing wrong with a contract: where, what, and how to fix it. */
public record ContractProblem(String location, String problem, String fix) {

    @Override
    public String toString() {
        return location + ": " + problem + " (fix: " + fix + ")";
    }
}
