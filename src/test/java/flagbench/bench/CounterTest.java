package flagbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import flagbench.results.Counter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CounterTest {

    @Test
    void everyPublicCounterOfAForkIsACounterOfTheRunFolderAndNoOther() {
        // JMH's @AuxCounters reports every public long field of Counts under its name: those are jmh.json's counters
        var fields = Arrays.stream(Counts.class.getFields())
                .filter(f -> f.getType() == long.class && !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName)
                .toList();
        assertThat(fields).containsExactlyInAnyOrderElementsOf(Counter.NAMES);
    }
}
