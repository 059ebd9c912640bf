package io.customerhub.matching.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AffectedRecordsTest {

    @Test
    void reachesAlongLinksMustLinksAndSharedPreviousIdsButNotFurther() {
        List<Link> links = List.of(new Link("a", "b", 0.99), new Link("x", "y", 0.99));
        List<Link> must = List.of(new Link("b", "c", 1.0));
        Map<String, String> previous = Map.of("c", "G1", "d", "G1", "e", "G2", "x", "G3", "y", "G3");

        assertThat(AffectedRecords.of(List.of("a"), links, must, previous)).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(AffectedRecords.of(List.of("e"), links, must, previous)).containsExactly("e");
        assertThat(AffectedRecords.of(List.of("new"), links, must, previous)).containsExactly("new");
        assertThat(AffectedRecords.of(List.of(), links, must, previous)).isEmpty();
    }

    /**
     * Random hubs: a first night clustered in full, then changed records whose links change (as an
     * incremental match rescores only pairs with a changed record), new and retired records. Clustering
     * only the affected records, the rest keeping their ids, gives every record the id a full rebuild gives.
     */
    @Test
    void clusteringOnlyTheAffectedRecordsGivesWhatAFullRebuildGives() {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            int n = 30 + random.nextInt(40);
            List<String> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                records.add(String.format("r%03d", i));
            }
            Map<String, List<String>> strongIds = new HashMap<>();
            for (String r : records) {
                if (random.nextInt(4) == 0) {
                    strongIds.put(r, List.of("crm:" + random.nextInt(n / 3)));
                }
            }
            List<Link> links = randomLinks(random, records, n);
            List<Link> cannot = List.of(new Link(records.get(0), records.get(1), 1.0));
            ConstrainedClustering clustering = new ConstrainedClustering(4);
            var first = GoldenIdAssigner.assign(clustering.cluster(records, strongIds, links, List.of(), cannot).clusters(),
                    Map.of(), Map.of(), "night-1");
            Map<String, String> previous = first.goldenIdByRecord();
            Map<String, Long> age = new HashMap<>();
            new TreeSet<>(previous.values()).forEach(id -> age.put(id, (long) age.size()));

            // Night 2: some records change (their links are replaced), some retire, some are new.
            Set<String> changed = new HashSet<>();
            List<String> current = new ArrayList<>(records);
            for (String r : records) {
                int roll = random.nextInt(20);
                if (roll == 0) {
                    changed.add(r);
                } else if (roll == 1) {
                    changed.add(r);
                    current.remove(r);
                }
            }
            for (int i = 0; i < 3; i++) {
                String added = "n" + i;
                current.add(added);
                changed.add(added);
            }
            List<Link> night2 = new ArrayList<>();
            for (Link l : links) {
                if (!changed.contains(l.left()) && !changed.contains(l.right())) {
                    night2.add(l);
                }
            }
            for (Link l : randomLinks(random, current, n)) {
                if ((changed.contains(l.left()) || changed.contains(l.right())) && current.contains(l.left()) && current.contains(l.right())) {
                    night2.add(l);
                }
            }

            var full = GoldenIdAssigner.assign(clustering.cluster(current, strongIds, night2, List.of(), cannot).clusters(),
                    previous, age, "night-2");

            Set<String> affected = AffectedRecords.of(changed, night2, List.of(), previous);
            List<String> inScope = current.stream().filter(affected::contains).toList();
            Map<String, String> previousInScope = new HashMap<>();
            previous.forEach((k, v) -> {
                if (affected.contains(k)) {
                    previousInScope.put(k, v);
                }
            });
            List<Link> linksInScope = night2.stream().filter(l -> affected.contains(l.left()) && affected.contains(l.right())).toList();
            var partial = GoldenIdAssigner.assign(clustering.cluster(inScope, strongIds, linksInScope, List.of(), cannot).clusters(),
                    previousInScope, age, "night-2");
            Map<String, String> incremental = new HashMap<>();
            for (String r : current) {
                incremental.put(r, affected.contains(r) ? partial.goldenIdByRecord().get(r) : previous.get(r));
            }

            assertThat(incremental).as("seed %d", seed).isEqualTo(full.goldenIdByRecord());
            assertThat(new HashSet<>(partial.events())).as("seed %d", seed).isEqualTo(new HashSet<>(full.events()));
        }
    }

    private static List<Link> randomLinks(Random random, List<String> records, int n) {
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String a = records.get(random.nextInt(records.size()));
            String b = records.get(random.nextInt(records.size()));
            if (!a.equals(b)) {
                links.add(new Link(a, b, 0.9 + random.nextInt(100) / 1000.0));
            }
        }
        return links;
    }
}
