package io.customerhub.matching.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.matching.standardize.PhoneticEncoderComparison.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prints the encoder comparison and checks the encoder in use is still the best trade-off. */
class PhoneticEncoderComparisonTest {

    @Test
    void theChosenEncoderHasTheBestRecallMinusFalseKeyRate() {
        List<Row> rows = PhoneticEncoderComparison.measureAll(false); // timing: run the class main, a test JVM is too noisy
        System.out.println(PhoneticEncoderComparison.table(rows));
        Row chosen = rows.stream().filter(r -> r.encoder().equals(PhoneticEncoderComparison.CHOSEN)).findFirst().orElseThrow();
        for (Row other : rows) {
            assertThat(chosen.recall() - chosen.falseKeyRate())
                    .as("chosen vs %s", other.encoder())
                    .isGreaterThanOrEqualTo(other.recall() - other.falseKeyRate());
        }
    }
}
