package io.customerhub.matching.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Gives each cluster a persistent golden id. Each previous id goes to the new cluster that holds
 * most of its records (a split keeps the id on its largest part); a cluster that receives several
 * ids keeps the oldest and retires the others (a merge); a cluster that receives none gets back the
 * last id of a record that returns after being retired, when nobody holds that id now (a revival),
 * else a new id. New ids are derived from the run and the cluster's smallest record key, so
 * rerunning a run gives the same ids.
 */
public final class GoldenIdAssigner {

    /** The id of every record and the events that changed ids. */
    public record Assignment(Map<String, String> goldenIdByRecord, List<GoldenIdEvent> events) {
    }

    /**
     * Records that come back after being retired.
     *
     * @param lastIds          record key -> the golden id it held when it was retired (used for records
     *                         without a previous id)
     * @param idsHeldElsewhere ids held by records outside the clusters given (an incremental run): never revived
     */
    public record Returning(Map<String, String> lastIds, Set<String> idsHeldElsewhere) {
        public static final Returning NONE = new Returning(Map.of(), Set.of());
    }

    private GoldenIdAssigner() {
    }

    public static Assignment assign(List<? extends Collection<String>> clusters, Map<String, String> previousIds,
                                    Map<String, Long> idAge, String runId) {
        return assign(clusters, previousIds, Returning.NONE, idAge, runId);
    }

    /**
     * @param clusters          the new clusters (record keys)
     * @param previousIds       record key -> golden id it had before this run (absent for new records)
     * @param returning         the last ids of records coming back after being retired
     * @param idAge             golden id -> creation order (smaller is older), for every previous id
     * @param runId             the run, salting new ids
     */
    public static Assignment assign(List<? extends Collection<String>> clusters, Map<String, String> previousIds,
                                    Returning returning, Map<String, Long> idAge, String runId) {
        Map<String, Integer> heirOf = heirs(clusters, previousIds::get, c -> true);
        Map<Integer, List<String>> inherited = new HashMap<>();
        heirOf.forEach((id, c) -> inherited.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
        Comparator<String> oldestFirst = Comparator.<String>comparingLong(id -> idAge.getOrDefault(id, Long.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder());
        // A free last id of returning records goes back to a cluster that inherits none (the oldest, if it could take several).
        Map<Integer, String> revived = new HashMap<>();
        heirs(clusters, record -> previousIds.containsKey(record) ? null : returning.lastIds().get(record),
                c -> !inherited.containsKey(c)).forEach((id, c) -> {
                    if (!heirOf.containsKey(id) && !returning.idsHeldElsewhere().contains(id)) {
                        revived.merge(c, id, (a, b) -> oldestFirst.compare(a, b) <= 0 ? a : b);
                    }
                });

        Map<String, String> idByRecord = new LinkedHashMap<>();
        List<GoldenIdEvent> events = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            Collection<String> cluster = clusters.get(c);
            List<String> ids = inherited.getOrDefault(c, List.of());
            String id;
            if (ids.isEmpty() && revived.containsKey(c)) {
                id = revived.get(c);
                events.add(new GoldenIdEvent(id, GoldenIdEvent.Kind.REVIVED, null));
            } else if (ids.isEmpty()) {
                id = newId(runId, Collections.min(cluster));
                String splitFrom = largestPreviousId(cluster, previousIds, oldestFirst);
                events.add(splitFrom == null ? new GoldenIdEvent(id, GoldenIdEvent.Kind.CREATED, null)
                        : new GoldenIdEvent(id, GoldenIdEvent.Kind.SPLIT_FROM, splitFrom));
            } else {
                List<String> sorted = new ArrayList<>(ids);
                sorted.sort(oldestFirst);
                id = sorted.get(0);
                for (String retired : sorted.subList(1, sorted.size())) {
                    events.add(new GoldenIdEvent(retired, GoldenIdEvent.Kind.MERGED_INTO, id));
                }
            }
            for (String record : cluster) {
                idByRecord.put(record, id);
            }
        }
        // Hash sets, the few retired ids sorted after: sorted sets of every id cost seconds at 1 M records.
        Set<String> stillUsed = new HashSet<>(idByRecord.values());
        new HashSet<>(previousIds.values()).stream()
                .filter(id -> !stillUsed.contains(id) && !heirOf.containsKey(id))
                .sorted()
                .forEach(id -> events.add(new GoldenIdEvent(id, GoldenIdEvent.Kind.RETIRED, null)));
        return new Assignment(idByRecord, List.copyOf(events));
    }

    /** For each id that idOf gives, the eligible cluster holding most of its records (ties: the smaller first record key). */
    private static Map<String, Integer> heirs(List<? extends Collection<String>> clusters, Function<String, String> idOf,
                                              IntPredicate eligible) {
        Map<String, Integer> heirOf = new HashMap<>();
        Map<String, Integer> bestCount = new HashMap<>();
        Map<String, String> bestFirstKey = new HashMap<>();
        for (int c = 0; c < clusters.size(); c++) {
            if (!eligible.test(c)) {
                continue;
            }
            Map<String, Integer> counts = new HashMap<>();
            for (String record : clusters.get(c)) {
                String id = idOf.apply(record);
                if (id != null) {
                    counts.merge(id, 1, Integer::sum);
                }
            }
            String firstKey = Collections.min(clusters.get(c));
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                Integer best = bestCount.get(e.getKey());
                if (best == null || e.getValue() > best
                        || (e.getValue().equals(best) && firstKey.compareTo(bestFirstKey.get(e.getKey())) < 0)) {
                    heirOf.put(e.getKey(), c);
                    bestCount.put(e.getKey(), e.getValue());
                    bestFirstKey.put(e.getKey(), firstKey);
                }
            }
        }
        return heirOf;
    }

    private static String largestPreviousId(Collection<String> cluster, Map<String, String> previousIds, Comparator<String> oldestFirst) {
        Map<String, Integer> counts = new HashMap<>();
        for (String record : cluster) {
            String previous = previousIds.get(record);
            if (previous != null) {
                counts.merge(previous, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, oldestFirst.reversed()))
                .map(Map.Entry::getKey).orElse(null);
    }

    static String newId(String runId, String firstRecordKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((runId + "\u0000" + firstRecordKey).getBytes(StandardCharsets.UTF_8));
            return "G" + HexFormat.of().formatHex(digest, 0, 8).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
