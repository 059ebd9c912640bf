package io.customerhub.matching.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** Strongest first, then by the pair's keys: a total order, so the input order never matters. */
    private static final Comparator<OrderedLink> STRONGEST_FIRST = Comparator.comparingDouble((OrderedLink l) -> l.link.probability())
            .reversed()
            .thenComparing(l -> l.low)
            .thenComparing(l -> l.high);

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
        List<OrderedLink> stewardFirst = ordered(mustLinks);
        stewardFirst.addAll(ordered(links));
        int stewardLinks = mustLinks.size();
        for (int i = 0; i < stewardFirst.size(); i++) {
            Link link = stewardFirst.get(i).link;
            Group a = find(groupOf, link.left());
            Group b = find(groupOf, link.right());
            if (a == null || b == null || a == b) {
                continue;
            }
            RefusedMerge.Reason reason = i < stewardLinks ? cannotLinkBetween(groupOf, a, b, apart) : whyApart(groupOf, a, b, apart);
            if (reason != null) {
                refused.add(new RefusedMerge(link.left(), link.right(), link.probability(), reason));
                continue;
            }
            union(groupOf, a, b);
        }
        List<List<String>> clusters = new ArrayList<>();
        for (String record : records) {
            Group group = find(groupOf, record);
            if (!group.listed) {
                group.listed = true;
                List<String> cluster = new ArrayList<>(group.members);
                cluster.sort(null);
                clusters.add(List.copyOf(cluster));
            }
        }
        clusters.sort(Comparator.comparing(c -> c.get(0)));
        return new Result(List.copyOf(clusters), List.copyOf(refused));
    }

    /** Links with their keys in order, computed once: the sort compares them a million times on a large hub. */
    private static List<OrderedLink> ordered(Collection<Link> links) {
        List<OrderedLink> out = new ArrayList<>(links.size());
        for (Link link : links) {
            out.add(new OrderedLink(link, min(link.left(), link.right()), max(link.left(), link.right())));
        }
        out.sort(STRONGEST_FIRST);
        return out;
    }

    private record OrderedLink(Link link, String low, String high) {
    }

    private static RefusedMerge.Reason cannotLinkBetween(Map<String, Group> groupOf, Group a, Group b, Map<String, Set<String>> apart) {
        if (apart.isEmpty()) {
            return null;
        }
        Group small = a.members.size() <= b.members.size() ? a : b;
        Group large = small == a ? b : a;
        for (String member : small.members) {
            Set<String> notWith = apart.get(member);
            if (notWith != null && notWith.stream().anyMatch(other -> find(groupOf, other) == large)) {
                return RefusedMerge.Reason.CANNOT_LINK;
            }
        }
        return null;
    }

    private RefusedMerge.Reason whyApart(Map<String, Group> groupOf, Group a, Group b, Map<String, Set<String>> apart) {
        RefusedMerge.Reason stewardSaidNo = cannotLinkBetween(groupOf, a, b, apart);
        if (stewardSaidNo != null) {
            return stewardSaidNo;
        }
        Group small = a.members.size() <= b.members.size() ? a : b;
        Group large = small == a ? b : a;
        for (Map.Entry<String, Set<String>> ids : small.ids().entrySet()) {
            Set<String> other = large.ids().get(ids.getKey());
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
        gone.ids().forEach((ns, values) -> keep.writableIds().computeIfAbsent(ns, k -> new HashSet<>()).addAll(values));
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

    /**
     * A growing cluster: its members (disjoint from every other group's, so a list) and its strong
     * identifiers per namespace (created on first use: most records have none, and a 1 M hub has 1 M groups).
     */
    private static final class Group {
        final List<String> members = new ArrayList<>(1);
        private Map<String, Set<String>> idsByNamespace;
        boolean listed;

        Group(String record, Collection<String> strongIds) {
            members.add(record);
            for (String id : strongIds) {
                int colon = id.indexOf(':');
                String namespace = colon < 0 ? "" : id.substring(0, colon);
                writableIds().computeIfAbsent(namespace, k -> new HashSet<>()).add(id);
            }
        }

        Map<String, Set<String>> ids() {
            return idsByNamespace == null ? Map.of() : idsByNamespace;
        }

        Map<String, Set<String>> writableIds() {
            if (idsByNamespace == null) {
                idsByNamespace = new HashMap<>();
            }
            return idsByNamespace;
        }
    }
}
