package io.customerhub.jobs.match;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The candidate pairs of one partition of blocking keys sorted by block id: each block's members
 * paired with each other, lazily, one block in memory at a time. A block larger than its rule's cap
 * is skipped (it was reported when the caps were set); a pair needs at least one changed record.
 * Input rows: {@code rule, block_id, record_key, changed}; output rows: {@code left_key, right_key, rule}
 * with {@code left_key < right_key}. A record twice in a block gives no pair with itself; a pair met
 * in several blocks comes out once per block (the caller keeps one).
 */
final class BlockPairs implements Iterator<Row> {

    private final Iterator<Row> input;
    private final int[] caps;
    private Row pending;
    private final List<String> members = new ArrayList<>();
    private final List<Boolean> changed = new ArrayList<>();
    private int rule;
    private int left;
    private int right;
    private Row next;

    BlockPairs(Iterator<Row> sortedByBlock, int[] caps) {
        this.input = sortedByBlock;
        this.caps = caps.clone();
        this.pending = input.hasNext() ? input.next() : null;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (right >= members.size()) {
                left++;
                right = left + 1;
            }
            if (left >= members.size() - 1) {
                if (!loadBlock()) {
                    return false;
                }
                continue;
            }
            String a = members.get(left);
            String b = members.get(right);
            if ((changed.get(left) || changed.get(right)) && !a.equals(b)) {
                next = a.compareTo(b) < 0 ? RowFactory.create(a, b, rule) : RowFactory.create(b, a, rule);
            }
            right++;
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row out = next;
        next = null;
        return out;
    }

    /** Reads the next block's rows; false at the end of the partition. Members are kept only for a block within its cap that has a changed record. */
    private boolean loadBlock() {
        members.clear();
        changed.clear();
        left = 0;
        right = 1;
        if (pending == null) {
            return false;
        }
        long block = pending.getLong(1);
        rule = pending.getInt(0);
        int cap = rule < caps.length ? caps[rule] : Integer.MAX_VALUE;
        long size = 0;
        boolean anyChanged = false;
        while (pending != null && pending.getLong(1) == block) {
            size++;
            if (size <= cap) {
                members.add(pending.getString(2));
                changed.add(pending.getBoolean(3));
                anyChanged |= pending.getBoolean(3);
            }
            pending = input.hasNext() ? input.next() : null;
        }
        if (size > cap || !anyChanged) {
            members.clear();
            changed.clear();
        }
        return true;
    }
}
