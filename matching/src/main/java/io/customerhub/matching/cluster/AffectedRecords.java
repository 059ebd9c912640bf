package io.customerhub.matching.cluster;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The records an incremental clustering must cluster again: every record connected to a changed
 * one by links, steward must-links or a shared previous golden id. Clustering merges only along
 * links and gives ids from the previous ids of a cluster's records, so these whole components get
 * the clusters and ids a full rebuild would give them, and every other record keeps its own.
 */
public final class AffectedRecords {

    private AffectedRecords() {
    }

    /**
     * @param changed     records added, changed or retired since the last clustering, and records named
     *                    by steward decisions
     * @param links       every link the clustering follows
     * @param mustLinks   steward must-links
     * @param previousIds record key -> golden id before this run
     * @return the changed records and every record connected to one of them
     */
    public static Set<String> of(Collection<String> changed, Collection<Link> links, Collection<Link> mustLinks,
                                 Map<String, String> previousIds) {
        UnionFind components = new UnionFind(previousIds.size() + 2 * links.size());
        for (Link link : links) {
            components.union(link.left(), link.right());
        }
        for (Link link : mustLinks) {
            components.union(link.left(), link.right());
        }
        // A golden id is a node of its own: its records hang together through it (a split must see them all).
        previousIds.forEach((record, goldenId) -> components.union(record, "\u0000" + goldenId));
        Set<Integer> reached = new HashSet<>();
        for (String record : changed) {
            reached.add(components.root(record));
        }
        Set<String> affected = new HashSet<>();
        components.forEachKey((key, root) -> {
            if (reached.contains(root) && key.charAt(0) != '\u0000') {
                affected.add(key);
            }
        });
        affected.addAll(changed);
        return affected;
    }

    /** Union-find over string keys, with path halving and union by size. */
    private static final class UnionFind {
        private final Map<String, Integer> index;
        private int[] parent;
        private int[] size;
        private int count;

        UnionFind(int expected) {
            index = new HashMap<>(Math.max(16, expected * 2));
            parent = new int[Math.max(16, expected)];
            size = new int[parent.length];
        }

        int root(String key) {
            int node = node(key);
            while (parent[node] != node) {
                parent[node] = parent[parent[node]];
                node = parent[node];
            }
            return node;
        }

        void union(String a, String b) {
            int x = root(a);
            int y = root(b);
            if (x == y) {
                return;
            }
            if (size[x] < size[y]) {
                int t = x;
                x = y;
                y = t;
            }
            parent[y] = x;
            size[x] += size[y];
        }

        void forEachKey(java.util.function.BiConsumer<String, Integer> action) {
            index.forEach((key, node) -> action.accept(key, root(key)));
        }

        private int node(String key) {
            Integer known = index.get(key);
            if (known != null) {
                return known;
            }
            if (count == parent.length) {
                parent = Arrays.copyOf(parent, count * 2);
                size = Arrays.copyOf(size, count * 2);
            }
            parent[count] = count;
            size[count] = 1;
            index.put(key, count);
            return count++;
        }
    }
}
