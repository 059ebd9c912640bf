package io.customerhub.jobs.match;

import io.customerhub.matching.compare.PreparedRecord;
import io.customerhub.matching.model.MatchDecision;
import io.customerhub.matching.record.StandardizedRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Scores the pairs of one partition of block members sorted by block id, lazily, one block in memory
 * at a time: each member's comparison form is prepared once per block instead of once per pair.
 * A pair needs a changed record and is scored in one block only: the first block (by rule, then id)
 * that both records' usable blocks share, so a pair met under several rules is scored once, for its
 * first rule. Every member carries its usable blocks (within the cap and holding a changed record).
 */
final class BlockScorer implements Iterator<BlockScorer.Scored> {

    /** A record in one of its blocks, with all its usable blocks (sorted) to tell which block scores a pair. */
    record Member(long block, String key, boolean changed, long[] usableBlocks, StandardizedRecord record) {
    }

    /** A scored pair, {@code leftKey < rightKey}, with the rule of the block that scored it. */
    record Scored(String leftKey, String rightKey, int rule, MatchDecision decision) {
    }

    /** The matching core's decision for two prepared records. */
    @FunctionalInterface
    interface Decider {
        MatchDecision decide(PreparedRecord left, PreparedRecord right);
    }

    private final Iterator<Member> input;
    private final Decider decider;
    private final List<Member> members = new ArrayList<>();
    private PreparedRecord[] prepared = new PreparedRecord[0];
    private Member pending;
    private long block;
    private int left;
    private int right;
    private Scored next;

    BlockScorer(Iterator<Member> sortedByBlock, Decider decider) {
        this.input = sortedByBlock;
        this.decider = decider;
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
            int l = left;
            int r = right++;
            Member a = members.get(l);
            Member b = members.get(r);
            if ((a.changed() || b.changed()) && !a.key().equals(b.key())
                    && BlockIds.firstShared(a.usableBlocks(), b.usableBlocks()) == block) {
                if (a.key().compareTo(b.key()) > 0) {
                    int swap = l;
                    l = r;
                    r = swap;
                }
                next = new Scored(members.get(l).key(), members.get(r).key(), BlockIds.rule(block),
                        decider.decide(prepared(l), prepared(r)));
            }
        }
        return true;
    }

    @Override
    public Scored next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Scored out = next;
        next = null;
        return out;
    }

    private PreparedRecord prepared(int member) {
        if (prepared[member] == null) {
            prepared[member] = PreparedRecord.of(members.get(member).record());
        }
        return prepared[member];
    }

    /** Reads the next block's members; false at the end of the partition. A block without a changed record is dropped. */
    private boolean loadBlock() {
        members.clear();
        left = 0;
        right = 1;
        if (pending == null) {
            return false;
        }
        block = pending.block();
        boolean anyChanged = false;
        while (pending != null && pending.block() == block) {
            members.add(pending);
            anyChanged |= pending.changed();
            pending = input.hasNext() ? input.next() : null;
        }
        if (!anyChanged) {
            members.clear();
        }
        prepared = new PreparedRecord[members.size()];
        return true;
    }
}
