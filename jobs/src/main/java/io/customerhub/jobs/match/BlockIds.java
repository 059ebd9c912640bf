package io.customerhub.jobs.match;

import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.record.StandardizedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * A block as one long: the rule's index in the top 8 bits, a 56-bit hash of the key below. Sorting
 * the ids of a record orders its blocks by rule first, so the first block two records share is the
 * block of the first rule that pairs them. Two keys of one rule with the same hash (odds about 1e-3
 * over 14 M keys) only merge two blocks: a few extra pairs scored.
 */
final class BlockIds {

    static final int MAX_RULES = 128;
    private static final long HASH_BITS = 0x00FF_FFFF_FFFF_FFFFL;

    private BlockIds() {
    }

    static long of(int rule, String key) {
        if (rule < 0 || rule >= MAX_RULES) {
            throw new IllegalArgumentException("a block id holds rule indexes 0-" + (MAX_RULES - 1) + ", not " + rule);
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return ((long) rule << 56) | (MurmurHash3.hash128x64(bytes, 0, bytes.length, rule)[0] & HASH_BITS);
    }

    static int rule(long blockId) {
        return (int) (blockId >>> 56);
    }

    /** Every block of a record under the rules, sorted and without repeats. */
    static long[] of(List<BlockingRule> rules, StandardizedRecord record) {
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("at most " + MAX_RULES + " blocking rules, not " + rules.size());
        }
        long[] ids = new long[8];
        int n = 0;
        for (int r = 0; r < rules.size(); r++) {
            for (String key : rules.get(r).keysFor(record)) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = of(r, key);
            }
        }
        Arrays.sort(ids, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || ids[i] != ids[distinct - 1]) {
                ids[distinct++] = ids[i];
            }
        }
        return Arrays.copyOf(ids, distinct);
    }

    /** The first id both sorted arrays hold, or -1 when they share none. */
    static long firstShared(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return a[i];
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return -1;
    }
}
