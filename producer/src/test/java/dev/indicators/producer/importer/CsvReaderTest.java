package dev.indicators.producer.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.contract.EventType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV import files: a header naming the JSON fields, one event a row. */
class CsvReaderTest {

    private static List<SourceRow> read(String csv, EventType type) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (CsvReader r = CsvReader.of(new StringReader(csv), Optional.ofNullable(type))) {
            r.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void each_row_becomes_a_json_object_named_by_the_header_with_string_values() throws IOException {
        List<SourceRow> rows = read("""
                eventId,type,regionCode,department,occurredAt,caseId,stage
                e1,reconsideration,310118,qingpu-gov,2017-09-30T10:15:00+08:00,QP-1,APPLIED
                """, null);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.node().toString()).isEqualTo(
                    "{\"eventId\":\"e1\",\"type\":\"reconsideration\",\"regionCode\":\"310118\",\"department\":\"qingpu-gov\","
                            + "\"occurredAt\":\"2017-09-30T10:15:00+08:00\",\"caseId\":\"QP-1\",\"stage\":\"APPLIED\"}");
        });
    }

    @Test
    void an_empty_cell_means_the_field_is_absent() throws IOException {
        JsonNode n = read("eventId,type,caseId,stage,outcome\ne1,reconsideration,QP-1,APPLIED,\n", null).get(0).node();
        assertThat(n.has("outcome")).isFalse();
        assertThat(n.size()).isEqualTo(4);
    }

    @Test
    void agreementSigned_becomes_a_boolean_and_anything_else_stays_a_string_for_validation_to_name() throws IOException {
        List<SourceRow> rows = read("eventId,agreementSigned\na,TRUE\nb,false\nc,yes\n", EventType.MEDIATION);
        assertThat(rows.get(0).node().get("agreementSigned").isBoolean()).isTrue();
        assertThat(rows.get(0).node().get("agreementSigned").booleanValue()).isTrue();
        assertThat(rows.get(1).node().get("agreementSigned").booleanValue()).isFalse();
        assertThat(rows.get(2).node().get("agreementSigned").isTextual()).isTrue();
    }

    @Test
    void every_field_a_schema_declares_boolean_is_read_as_one_such_as_the_heads_appearance_in_court() throws IOException {
        List<SourceRow> rows = read("eventId,caseId,stage,headAppeared\nl1,QP-XZ-1,HEARD,True\n", EventType.LITIGATION);
        assertThat(rows.get(0).node().get("headAppeared").isBoolean()).isTrue();
        assertThat(rows.get(0).node().get("type").asText()).isEqualTo("litigation");
    }

    @Test
    void quoted_cells_keep_commas_doubled_quotes_and_line_breaks_and_line_numbers_stay_right() throws IOException {
        List<SourceRow> rows = read("eventId,holderAgency,certificateNo\n"
                + "c1,\"Market Regulation, Qingpu\",\"ZF \"\"01\"\"\"\n"
                + "c2,\"two\nlines\",ZF-02\n"
                + "c3, padded ,ZF-03\n", EventType.CERTIFICATE);
        assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 3L, 5L);
        assertThat(rows.get(0).node().get("holderAgency").asText()).isEqualTo("Market Regulation, Qingpu");
        assertThat(rows.get(0).node().get("certificateNo").asText()).isEqualTo("ZF \"01\"");
        assertThat(rows.get(1).node().get("holderAgency").asText()).isEqualTo("two\nlines");
        assertThat(rows.get(2).node().get("holderAgency").asText()).isEqualTo("padded");
    }

    @Test
    void the_type_comes_from_the_type_column_or_else_from_the_option() throws IOException {
        assertThat(read("eventId,caseId\ne1,M-1\n", EventType.MEDIATION).get(0).node().get("type").asText()).isEqualTo("mediation");
        assertThat(read("eventId,type\ne1,certificate\ne2,\n", EventType.MEDIATION))
                .extracting(r -> r.node().get("type").asText()).containsExactly("certificate", "mediation");
    }

    @Test
    void a_file_without_type_column_or_option_is_refused_as_a_whole() {
        assertThatThrownBy(() -> read("eventId,caseId\ne1,M-1\n", null))
                .isInstanceOf(ImportFileException.class).hasMessageContaining("no 'type' column; pass --type");
    }

    @Test
    void rows_with_another_number_of_cells_and_unterminated_quotes_are_reported_not_fatal() throws IOException {
        List<SourceRow> rows = read("eventId,type\ne1,mediation,extra\ne2,mediation\ne3,\"mediation\n", null);
        assertThat(rows.get(0).error().message()).isEqualTo("field '(csv)': expected 2 cells as in the header, found 3");
        assertThat(rows.get(1).readable()).isTrue();
        assertThat(rows.get(2).error().reason()).contains("unterminated quoted cell");
    }

    @Test
    void crlf_line_ends_a_byte_order_mark_and_blank_lines_are_handled() throws IOException {
        List<SourceRow> rows = read("\uFEFFeventId,type\r\ne1,mediation\r\n\r\ne2,mediation\r\n", null);
        assertThat(rows).extracting(r -> r.node().get("eventId").asText()).containsExactly("e1", "e2");
        assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 4L);
    }
}
