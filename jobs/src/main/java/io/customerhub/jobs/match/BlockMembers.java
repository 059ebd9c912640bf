package io.customerhub.jobs.match;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The pairs of a partition of block members sorted by block, lazily, one block in memory at a
 * time. A block with more members than its limit is skipped without keeping them (a "Martin" block
 * never fills memory); a block without a changed record gives nothing. Each two members of a block
 * that are different records, one of them changed, are handed to {@link #pair} with the smaller key
 * first; it says what comes out, if anything.
 *
 * @param <M> a member: a record in one of its blocks
 * @param <R> what a pair gives
 */
abstract class BlockMembers<M, R> implements Iterator<R> {

    private final Iterator<M> input;
    private final List<M> members = new ArrayList<>();
    private M pending;
    private long block;
    private int left;
    private int right;
    private R next;

    BlockMembers(Iterator<M> sortedByBlock) {
        this.input = sortedByBlock;
        this.pending = input.hasNext() ? input.next() : null;
    }

    abstract long block(M member);

    abstract String key(M member);

    abstract boolean changed(M member);

    /** The most members the block of this (first) member may have to be paired. */
    abstract int limit(M first);

    /** Called when a block's members are loaded, before its pairs. */
    void blockLoaded(long blockId, int size) {
    }

    /** What members {@code low} and {@code high} (indexes in the block, low's key smaller) give, or null for nothing. */
    abstract R pair(long blockId, int low, int high);

    final M member(int index) {
        return members.get(index);
    }

    @Override
    public final boolean hasNext() {
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
            int l = left;
            int r = right++;
            M a = members.get(l);
            M b = members.get(r);
            int order = key(a).compareTo(key(b));
            if ((changed(a) || changed(b)) && order != 0) {
                next = order < 0 ? pair(block, l, r) : pair(block, r, l);
            }
        }
        return true;
    }

    @Override
    public final R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        R out = next;
        next = null;
        return out;
    }

    /** Reads the next block's members; false at the end of the partition. */
    private boolean loadBlock() {
        members.clear();
        left = 0;
        right = 1;
        if (pending == null) {
            return false;
        }
        block = block(pending);
        int limit = limit(pending);
        long size = 0;
        boolean anyChanged = false;
        while (pending != null && block(pending) == block) {
            size++;
            if (size <= limit) {
                members.add(pending);
                anyChanged |= changed(pending);
            }
            pending = input.hasNext() ? input.next() : null;
        }
        if (size > limit || !anyChanged) {
            members.clear();
        }
        blockLoaded(block, members.size());
        return true;
    }
}
