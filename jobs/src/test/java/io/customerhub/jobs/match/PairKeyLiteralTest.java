package io.customerhub.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.spark.SparkTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental pairs write names changed records in a SQL predicate: any source id must read back as itself. */
class PairKeyLiteralTest extends SparkTestBase {

    @Test
    void recordKeysWithQuotesBackslashesAndAccentsReadBackUnchanged() {
        for (String key : List.of("crm/C1", "web/O'Brien", "web/a\\b", "web/\\'", "shop/é;\"x\"", "web/%_*")) {
            assertThat(spark().sql("SELECT " + MatchAction.sqlString(key)).first().getString(0)).isEqualTo(key);
        }
    }
}
