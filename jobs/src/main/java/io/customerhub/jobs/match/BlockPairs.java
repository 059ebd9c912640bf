package io.customerhub.jobs.match;

import java.util.Iterator;
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
final class BlockPairs extends BlockMembers<Row, Row> {

    private final int[] caps;

    BlockPairs(Iterator<Row> sortedByBlock, int[] caps) {
        super(sortedByBlock);
        this.caps = caps.clone();
    }

    @Override
    long block(Row member) {
        return member.getLong(1);
    }

    @Override
    String key(Row member) {
        return member.getString(2);
    }

    @Override
    boolean changed(Row member) {
        return member.getBoolean(3);
    }

    @Override
    int limit(Row first) {
        int rule = first.getInt(0);
        return rule < caps.length ? caps[rule] : Integer.MAX_VALUE;
    }

    @Override
    Row pair(long blockId, int low, int high) {
        return RowFactory.create(key(member(low)), key(member(high)), member(low).getInt(0));
    }
}
