package io.customerhub.jobs.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure rules of the review queue: stable item ids, the record-version fingerprint, why a cluster
 * is suspicious and how urgent an item is. No Spark here.
 */
public final class ReviewItems {

    public static final String PAIR = "pair";
    public static final String CLUSTER = "cluster";
    public static final String OPEN = "open";
    public static final String DECIDED = "decided";

    /** Reasons an item is in the queue. */
    public static final String REVIEW_BAND = "REVIEW_BAND";
    public static final String CONFLICTING_IDENTIFIERS = "CONFLICTING_IDENTIFIERS";
    public static final String WEAK_LINKS = "WEAK_LINKS";
    public static final String VERY_LARGE = "VERY_LARGE";

    /** The version a record has when it is no longer current. */
    public static final String RETIRED = "retired";
    public static final String MISSING = "missing";

    /**
     * When a cluster is worth a steward's look.
     *
     * @param largeClusterSize    a cluster of this many records or more is VERY_LARGE
     * @param weakLinkProbability a model link below this probability is weak
     * @param minWeakLinks        WEAK_LINKS needs this many weak links, and at least half of the cluster's links weak
     */
    public record Suspicion(int largeClusterSize, double weakLinkProbability, int minWeakLinks) implements java.io.Serializable {
        public static final Suspicion DEFAULT = new Suspicion(10, 0.999, 2);

        public Suspicion {
            if (largeClusterSize < 2 || minWeakLinks < 1 || weakLinkProbability <= 0 || weakLinkProbability > 1) {
                throw new IllegalArgumentException("cluster suspicion needs a large size >= 2, min weak links >= 1 and a probability in (0, 1]");
            }
        }
    }

    /**
     * What the tables say about one cluster.
     *
     * @param conflictingNamespaces issuers of which the cluster holds two different customer numbers
     * @param links                 model links (LINK pairs) inside the cluster
     * @param weakLinks             of which non-deterministic and below the weak probability
     * @param weakestLink           lowest probability of those links (NaN when none)
     */
    public record ClusterSignals(int size, List<String> conflictingNamespaces, long links, long weakLinks, double weakestLink) {
        public ClusterSignals {
            conflictingNamespaces = List.copyOf(conflictingNamespaces);
        }
    }

    private ReviewItems() {
    }

    /** The same two records give the same id, in either order, run after run. */
    public static String pairItemId(String leftKey, String rightKey) {
        boolean ordered = leftKey.compareTo(rightKey) <= 0;
        return "p-" + shortHash("pair\n" + (ordered ? leftKey : rightKey) + "\n" + (ordered ? rightKey : leftKey));
    }

    /** A cluster is asked about under its persistent golden id. */
    public static String clusterItemId(String goldenId) {
        return "c-" + shortHash("cluster\n" + goldenId);
    }

    /** The record versions as one canonical text (sorted keys), to compare what a steward saw with what is there now. */
    public static String fingerprint(Map<String, String> recordVersions) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(recordVersions).entrySet()) {
            sb.append(sb.isEmpty() ? "" : "\n").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The reasons a cluster is suspicious, most serious first; empty when it is not. */
    public static List<String> suspicions(ClusterSignals s, Suspicion rules) {
        List<String> reasons = new ArrayList<>();
        if (s.size() < 2) {
            return reasons;
        }
        if (!s.conflictingNamespaces().isEmpty()) {
            reasons.add(CONFLICTING_IDENTIFIERS);
        }
        if (s.weakLinks() >= rules.minWeakLinks() && s.weakLinks() * 2 >= s.links()) {
            reasons.add(WEAK_LINKS);
        }
        if (s.size() >= rules.largeClusterSize()) {
            reasons.add(VERY_LARGE);
        }
        return reasons;
    }

    /**
     * Expected number of records left with a wrong golden id if nobody answers: REVIEW pairs are not
     * followed, so records of two clusters are wrongly apart with probability p (together with 1 - p
     * when other links already joined them).
     */
    public static double pairPriority(double probability, boolean sameCluster, int recordsAffected) {
        return round((sameCluster ? 1 - probability : probability) * recordsAffected);
    }

    /** A suspicious cluster: its size times how likely the suspicion is right (capped at 1). */
    public static double clusterPriority(int size, List<String> reasons) {
        double likely = 0;
        for (String reason : reasons) {
            likely += switch (reason) {
                case CONFLICTING_IDENTIFIERS -> 1.0;
                case WEAK_LINKS -> 0.5;
                default -> 0.3;
            };
        }
        return round(size * Math.min(1.0, likely));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
