package io.customerhub.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotShrinkTest {

    @Test
    void aSnapshotRetiringMoreThanTheShareIsRefused() {
        assertThat(new SnapshotShrink(1765, 1665, 0.10).refused()).isTrue();
        assertThat(new SnapshotShrink(1765, 176, 0.10).refused()).as("exactly at the share").isFalse();
        assertThat(new SnapshotShrink(1765, 177, 0.10).refused()).isTrue();
        assertThat(new SnapshotShrink(1765, 1665, 1.0).refused()).as("the override lets everything through").isFalse();
    }

    @Test
    void aFirstLoadOrAFewRecordsOfASmallSourceAreNeverRefused() {
        assertThat(new SnapshotShrink(0, 0, 0.10).refused()).isFalse();
        assertThat(new SnapshotShrink(12, SnapshotShrink.ALWAYS_ALLOWED, 0.10).refused()).isFalse();
        assertThat(new SnapshotShrink(12, SnapshotShrink.ALWAYS_ALLOWED + 1, 0.10).refused()).isTrue();
    }

    @Test
    void theMessageGivesCountsTheCauseAndAnOverrideThatWouldPass() {
        SnapshotShrink shrink = new SnapshotShrink(1765, 1665, 0.10);
        assertThat(shrink.message("branch_crm")).contains("source 'branch_crm'", "retire 1665 of its 1765 current records (94.33 %)",
                "above the limit of 10.00 %", "nothing was published", "cause: ", "fix: ", "--max-retired-share 0.95");
        assertThat(new SnapshotShrink(1765, 1665, 0.95).refused()).isFalse();
    }
}
