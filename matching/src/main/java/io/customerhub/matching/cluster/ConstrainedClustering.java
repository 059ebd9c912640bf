package io.customerhub.matching.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups records into clusters by following links strongest first, refusing a merge that would put
 * together records a steward separated, records with conflicting strong identifiers, or more records
 * than the size limit (the guard against weak chains gluing different people together). The result
 * depends only on the inputs, not on their order, so a full rebuild and an incremental run agree.
 */
public final class ConstrainedClustering {

    /** Clusters (each a sorted list of record keys, clusters sorted by first key) and the refused links. */
    public record Result(List<List<String>> clusters, List<RefusedMerge> refused) {
    }

    private static final Comparator<Link> STRONGEST_FIRST = Comparator.comparingDouble(Link::probability).reversed()
            .thenComparing(l -> min(l.left(), l.right()))
            .thenComparing(l -> max(l.left(), l.right()));

    private final int maxClusterSize;

    public ConstrainedClustering(int maxClusterSize) {
        if (maxClusterSize < 2) {
            throw new IllegalArgumentException("maxClusterSize must be at least 2");
        }
        this.maxClusterSize = maxClusterSize;
    }

    /**
     * @param records       every record key to cluster (a record without links is a cluster alone)
     * @param strongIds     record key -> its strong identifiers as "namespace:value"
     * @param links         links to follow (decision LINK, shared identifiers)
     * @param mustLinks     steward decisions: followed first and over conflicting identifiers or the size
     *                      limit (a steward knows better), but never over a cannot-link
     * @param cannotLinks   pairs of record keys that must end in different clusters
     */
    public Result cluster(Collection<String> records, Map<String, ? extends Collection<String>> strongIds,
                          Collection<Link> links, Collection<Link> mustLinks, Collection<Link> cannotLinks) {
        Map<String, Group> groupOf = new HashMap<>();
        for (String record : records) {
            Collection<String> ids = strongIds.get(record);
            groupOf.put(record, new Group(record, ids == null ? List.of() : ids));
        }
        Map<String, Set<String>> apart = new HashMap<>();
        for (Link no : cannotLinks) {
            apart.computeIfAbsent(no.left(), k -> new HashSet<>()).add(no.right());
            apart.computeIfAbsent(no.right(), k -> new HashSet<>()).add(no.left());
        }
        List<RefusedMerge> refused = new ArrayList<>();
        List<Link> stewardFirst = new ArrayList<>(mustLinks);
        stewardFirst.sort(STRONGEST_FIRST);
        List<Link> ordered = new ArrayList<>(links);
        ordered.sort(STRONGEST_FIRST);
        stewardFirst.addAll(ordered);
        int stewardLinks = mustLinks.size();
        for (int i = 0; i < stewardFirst.size(); i++) {
            Link link = stewardFirst.get(i);
            Group a = find(groupOf, link.left());
            Group b = find(groupOf, link.right());
            if (a == null || b == null || a == b) {
                continue;
            }
            RefusedMerge.Reason reason = i < stewardLinks ? cannotLinkBetween(a, b, apart) : whyApart(a, b, apart);
            if (reason != null) {
                refused.add(new RefusedMerge(link.left(), link.right(), link.probability(), reason));
                continue;
            }
            union(groupOf, a, b);
        }
        Map<Group, List<String>> members = new HashMap<>();
        for (String record : records) {
            members.computeIfAbsent(find(groupOf, record), g -> new ArrayList<>()).add(record);
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (List<String> cluster : members.values()) {
            cluster.sort(null);
            sorted.put(cluster.get(0), List.copyOf(cluster));
        }
        return new Result(List.copyOf(sorted.values()), List.copyOf(refused));
    }

    private static RefusedMerge.Reason cannotLinkBetween(Group a, Group b, Map<String, Set<String>> apart) {
        Group small = a.members.size() <= b.members.size() ? a : b;
        Group large = small == a ? b : a;
        for (String member : small.members) {
            Set<String> notWith = apart.get(member);
            if (notWith != null && notWith.stream().anyMatch(large.members::contains)) {
                return RefusedMerge.Reason.CANNOT_LINK;
            }
        }
        return null;
    }

    private RefusedMerge.Reason whyApart(Group a, Group b, Map<String, Set<String>> apart) {
        RefusedMerge.Reason stewardSaidNo = cannotLinkBetween(a, b, apart);
        if (stewardSaidNo != null) {
            return stewardSaidNo;
        }
        Group small = a.members.size() <= b.members.size() ? a : b;
        Group large = small == a ? b : a;
        for (Map.Entry<String, Set<String>> ids : small.idsByNamespace.entrySet()) {
            Set<String> other = large.idsByNamespace.get(ids.getKey());
            if (other != null && !other.equals(ids.getValue())) {
                return RefusedMerge.Reason.CONFLICTING_IDENTIFIERS;
            }
        }
        if (a.members.size() + b.members.size() > maxClusterSize) {
            return RefusedMerge.Reason.CLUSTER_TOO_LARGE;
        }
        return null;
    }

    private static void union(Map<String, Group> groupOf, Group a, Group b) {
        Group keep = a.members.size() >= b.members.size() ? a : b;
        Group gone = keep == a ? b : a;
        keep.members.addAll(gone.members);
        gone.idsByNamespace.forEach((ns, values) -> keep.idsByNamespace.computeIfAbsent(ns, k -> new HashSet<>()).addAll(values));
        for (String member : gone.members) {
            groupOf.put(member, keep);
        }
        gone.members.clear();
    }

    private static Group find(Map<String, Group> groupOf, String record) {
        return groupOf.get(record);
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) <= 0 ? b : a;
    }

    /** A growing cluster: its members and its strong identifiers per namespace. */
    private static final class Group {
        final Set<String> members = new HashSet<>();
        final Map<String, Set<String>> idsByNamespace = new HashMap<>();

        Group(String record, Collection<String> strongIds) {
            members.add(record);
            for (String id : strongIds) {
                int colon = id.indexOf(':');
                String namespace = colon < 0 ? "" : id.substring(0, colon);
                idsByNamespace.computeIfAbsent(namespace, k -> new HashSet<>()).add(id);
            }
        }
    }
}
