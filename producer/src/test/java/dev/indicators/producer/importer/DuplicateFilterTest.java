package dev.indicators.producer.importer;

import org.junit.jupiter.api.Test;

import static dev.indicators.producer.importer.DuplicateFilter.Verdict.CONFLICT;
import static dev.indicators.producer.importer.DuplicateFilter.Verdict.DUPLICATE;
import static dev.indicators.producer.importer.DuplicateFilter.Verdict.NEW;
import static org.assertj.core.api.Assertions.assertThat;

/** Repeated eventIds within one import, in bounded memory. */
class DuplicateFilterTest {

    @Test
    void same_id_and_content_is_a_duplicate_same_id_other_content_a_conflict() {
        DuplicateFilter f = new DuplicateFilter();
        assertThat(f.check("e1", 11)).isEqualTo(NEW);
        assertThat(f.check("e1", 11)).isEqualTo(DUPLICATE);
        assertThat(f.check("e1", 12)).isEqualTo(CONFLICT);
        assertThat(f.check("e2", 11)).isEqualTo(NEW);
    }

    @Test
    void a_million_ids_are_all_told_apart_in_about_24_bytes_each() {
        DuplicateFilter f = new DuplicateFilter(16);
        for (int i = 0; i < 1_000_000; i++) assertThat(f.check("sim42-" + i, i)).isEqualTo(NEW);
        for (int i = 0; i < 1_000_000; i += 997) assertThat(f.check("sim42-" + i, i)).isEqualTo(DUPLICATE);
        assertThat(f.size()).isEqualTo(1_000_000);
        assertThat(f.memoryBytes()).isLessThanOrEqualTo(2L * 1024 * 1024 * 12);
    }
}
