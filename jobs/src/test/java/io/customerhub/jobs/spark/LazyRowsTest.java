package io.customerhub.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyRowsTest {

    @Test
    void mapComputesEachOutputOnlyWhenPulled() {
        AtomicInteger calls = new AtomicInteger();
        Iterator<Integer> doubled = LazyRows.map(List.of(1, 2, 3).iterator(), n -> {
            calls.incrementAndGet();
            return 2 * n;
        });
        assertThat(calls).hasValue(0);
        assertThat(doubled.next()).isEqualTo(2);
        assertThat(calls).hasValue(1);
        assertThat(drain(doubled)).containsExactly(4, 6);
    }

    @Test
    void flatMapSkipsInputsWithoutOutputsAndKeepsOrder() {
        AtomicInteger calls = new AtomicInteger();
        Iterator<String> keys = LazyRows.flatMap(List.of(0, 2, 0, 1).iterator(), n -> {
            calls.incrementAndGet();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(n + "." + i);
            }
            return out.iterator();
        });
        assertThat(keys.next()).isEqualTo("2.0");
        assertThat(calls).as("inputs read up to the first output only").hasValue(2);
        assertThat(drain(keys)).containsExactly("2.1", "1.0");
        assertThat(keys.hasNext()).isFalse();
        assertThatThrownBy(keys::next).isInstanceOf(NoSuchElementException.class);
    }

    private static <T> List<T> drain(Iterator<T> iterator) {
        List<T> out = new ArrayList<>();
        iterator.forEachRemaining(out::add);
        return out;
    }
}
