package io.customerhub.jobs.match;

import io.customerhub.matching.compare.PreparedRecord;
import io.customerhub.matching.model.MatchDecision;
import io.customerhub.matching.record.StandardizedRecord;
import java.util.Iterator;

/**
 * Scores the pairs of one partition of block members sorted by block id, lazily, one block in memory
 * at a time: each member's comparison form is prepared once per block instead of once per pair.
 * A pair needs a changed record and is scored in one block only: the first block (by rule, then id)
 * that both records' usable blocks share, so a pair met under several rules is scored once, for its
 * first rule. Every member carries its usable blocks (within the cap and holding a changed record);
 * oversized blocks never reach here.
 */
final class BlockScorer extends BlockMembers<BlockScorer.Member, BlockScorer.Scored> {

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

    private final Decider decider;
    private PreparedRecord[] prepared = new PreparedRecord[0];

    BlockScorer(Iterator<Member> sortedByBlock, Decider decider) {
        super(sortedByBlock);
        this.decider = decider;
    }

    @Override
    long block(Member member) {
        return member.block();
    }

    @Override
    String key(Member member) {
        return member.key();
    }

    @Override
    boolean changed(Member member) {
        return member.changed();
    }

    @Override
    int limit(Member first) {
        return Integer.MAX_VALUE;
    }

    @Override
    void blockLoaded(long blockId, int size) {
        prepared = new PreparedRecord[size];
    }

    @Override
    Scored pair(long blockId, int low, int high) {
        Member left = member(low);
        Member right = member(high);
        if (BlockIds.firstShared(left.usableBlocks(), right.usableBlocks()) != blockId) {
            return null;
        }
        return new Scored(left.key(), right.key(), BlockIds.rule(blockId), decider.decide(prepared(low), prepared(high)));
    }

    private PreparedRecord prepared(int member) {
        if (prepared[member] == null) {
            prepared[member] = PreparedRecord.of(member(member).record());
        }
        return prepared[member];
    }
}
