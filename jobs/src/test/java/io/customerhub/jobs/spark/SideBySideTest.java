package io.customerhub.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Steps side by side: they run at the same time, each gives its result, and a failure is raised once all have ended. */
class SideBySideTest {

    @Test
    void stepsRunAtTheSameTimeAndGiveTheirResults() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        SideBySide.Timed<String> a = SideBySide.start("a", () -> meet(bothStarted, "a"));
        SideBySide.Timed<String> b = SideBySide.start("b", () -> meet(bothStarted, "b"));
        SideBySide.awaitAll(List.of(a, b));
        assertThat(a.value()).isEqualTo("a met b");
        assertThat(b.value()).isEqualTo("b met a");
        assertThat(a.seconds()).isPositive();
    }

    @Test
    void theFirstFailureIsRaisedAsThrownOnceEveryStepHasEnded() {
        AtomicBoolean secondFinished = new AtomicBoolean();
        SideBySide.Timed<String> failing = SideBySide.start("failing", () -> {
            throw new IllegalArgumentException("no xref table");
        });
        SideBySide.Timed<String> slow = SideBySide.start("slow", () -> {
            sleep(200);
            secondFinished.set(true);
            return "done";
        });
        assertThatThrownBy(() -> SideBySide.awaitAll(List.of(failing, slow)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no xref table");
        assertThat(secondFinished).isTrue();
        assertThat(slow.value()).isEqualTo("done");
    }

    private static String meet(CountDownLatch latch, String name) {
        latch.countDown();
        try {
            // Run one after the other, neither step would see the other start.
            return latch.await(10, TimeUnit.SECONDS) ? name + " met " + (name.equals("a") ? "b" : "a") : name + " alone";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return name + " interrupted";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
