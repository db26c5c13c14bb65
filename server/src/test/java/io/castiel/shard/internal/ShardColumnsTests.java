package io.castiel.shard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.shard.internal.ShardColumns.Slot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the typed columns' slots follow a type's schema. */
class ShardColumnsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode schema(String properties) {
        return JSON.readTree("{\"type\": \"object\", \"properties\": " + properties + "}");
    }

    @Test
    void declaredScalarFieldsGetSlotsOfTheirKindInSchemaOrder() {
        List<Slot> slots = ShardColumns.assign(ShardColumns.wanted(schema("""
                {"name": {"type": "string"}, "amount": {"type": "number"}, "won": {"type": "boolean"},
                 "closeDate": {"type": "string", "format": "date"}, "signedAt": {"type": "string", "format": "date-time"},
                 "tags": {"type": "array"}, "address": {"type": "object", "properties": {"city": {"type": "string"}}},
                 "either": {"type": ["string", "number"]}}""")), List.of());

        assertThat(slots).extracting(s -> s.column() + " " + String.join(".", s.path()) + " " + s.kind() + " " + s.bit()).containsExactly(
                "t1 name string 16", "n1 amount number 0", "b1 won boolean 40", "t2 closeDate string 17", "d1 closeDate date null",
                "t3 signedAt string 18", "i1 signedAt instant null", "t4 address.city string 19");
    }

    @Test
    void aSchemaChangeKeepsTheSlotsOfUnchangedFields() {
        List<Slot> before = ShardColumns.assign(ShardColumns.wanted(schema("""
                {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "number"}}""")), List.of());
        List<Slot> after = ShardColumns.assign(ShardColumns.wanted(schema("""
                {"new": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}}""")), before);

        assertThat(after).extracting(s -> s.column() + " " + String.join(".", s.path()) + " " + s.kind())
                .containsExactly("t1 new string", "t2 b string", "t3 c string");
        assertThat(ShardColumns.hash(ShardColumns.wanted(schema("{\"b\": {\"type\": \"string\"}}"))))
                .isEqualTo(ShardColumns.hash(ShardColumns.wanted(schema("{\"b\": {\"type\": \"string\", \"description\": \"B\"}}"))))
                .isNotEqualTo(ShardColumns.hash(ShardColumns.wanted(schema("{\"b\": {\"type\": \"number\"}}"))));
    }

    @Test
    void fieldsBeyondTheColumnsOfTheirKindAreLeftToTheJsonb() {
        StringBuilder properties = new StringBuilder("{");
        for (int i = 0; i < ShardColumns.DATES + 2; i++) {
            properties.append(i == 0 ? "" : ", ").append("\"d").append(i).append("\": {\"type\": \"string\", \"format\": \"date\"}");
        }
        List<Slot> slots = ShardColumns.assign(ShardColumns.wanted(schema(properties.append("}").toString())), List.of());

        assertThat(slots.stream().filter(s -> s.kind().equals("date"))).hasSize(ShardColumns.DATES);
        assertThat(slots.stream().filter(s -> s.kind().equals("string"))).as("a date without its date slot gets no text slot either")
                .hasSize(ShardColumns.DATES);
    }
}
