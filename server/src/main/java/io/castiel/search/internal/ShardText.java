package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.castiel.shard.Shard;
import tools.jackson.databind.JsonNode;

/**
 * The text of a shard that is embedded: a header naming it (its type and its name, title or
 * subject), a short rendering of its scalar structured fields, the fields its type lists in
 * {@code embedFields} (short values labelled like the other fields, prose as paragraphs), and
 * {@code unstructuredData.text}. The header is repeated on every chunk,
 * so a passage deep in a long note still says which account or meeting it belongs to.
 */
public final class ShardText {

    /** What to embed: the header of every chunk and the body that is chunked. */
    public record Rendered(String header, String body) {

        public String full() {
            return header + "\n" + body;
        }
    }

    private static final List<String> LABELS = List.of("name", "title", "subject", "lastName");
    private static final Pattern UUID_LIKE = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final int MAX_FIELD_CHARS = 200;
    /** An embed field this short reads better labelled ("industry: Energy") than as a paragraph. */
    private static final int SHORT_FIELD_CHARS = 80;
    /** Text that ends like a sentence or spans lines is prose: a paragraph of its own. */
    private static final Pattern SENTENCE = Pattern.compile("(?s).*([.!?]\\s*|\\n.*)$");
    private static final int MAX_FIELDS_CHARS = 1_000;

    private ShardText() {
    }

    public static Rendered render(Shard shard, List<String> embedFields) {
        JsonNode data = shard.structuredData();
        String type = shard.shardType().startsWith("c_") ? shard.shardType().substring(2) : shard.shardType();
        String label = label(data);
        String header = label == null ? type : type + ": " + label;
        // Fields already said: the label (in the header) and long embedFields (paragraphs of their own).
        Set<String> said = new LinkedHashSet<>();
        List<String> paragraphs = new ArrayList<>();
        List<String> fieldOrder = new ArrayList<>();
        for (String pointer : embedFields) {
            JsonNode value = data == null ? null : data.at(pointer);
            if (value == null || value.isMissingNode() || value.isNull()) {
                continue;
            }
            String text = value.isString() ? value.asString().strip() : value.toString();
            boolean topLevel = pointer.indexOf('/', 1) < 0;
            if (text.isEmpty() || text.equals(label)) {
                said.add(pointer.substring(1));
            } else if (topLevel && text.length() <= SHORT_FIELD_CHARS && !SENTENCE.matcher(text).matches()
                    && (value.isString() || value.isNumber() || value.isBoolean())) {
                fieldOrder.add(pointer.substring(1));
            } else {
                paragraphs.add(text);
                if (topLevel) {
                    said.add(pointer.substring(1));
                }
            }
        }
        if (data != null && data.isObject()) {
            data.propertyNames().forEach(field -> {
                if (!fieldOrder.contains(field)) {
                    fieldOrder.add(field);
                }
            });
        }
        StringBuilder fields = new StringBuilder();
        for (String field : fieldOrder) {
            JsonNode value = data.get(field);
            if (said.contains(field) || value == null || LABELS.contains(field) && value.isString() && value.asString().strip().equals(label)
                    || !(value.isString() || value.isNumber() || value.isBoolean())) {
                continue;
            }
            String text = value.isString() ? value.asString().strip() : value.toString();
            if (text.isEmpty() || UUID_LIKE.matcher(text).matches()) {
                continue;
            }
            if (text.length() > MAX_FIELD_CHARS) {
                text = text.substring(0, MAX_FIELD_CHARS);
            }
            String item = words(field) + ": " + text;
            if (fields.length() + item.length() > MAX_FIELDS_CHARS) {
                break;
            }
            fields.append(fields.length() == 0 ? "" : "; ").append(item);
        }
        List<String> parts = new ArrayList<>();
        if (fields.length() > 0) {
            parts.add(SENTENCE.matcher(fields).matches() ? fields.toString() : fields.append('.').toString());
        }
        parts.addAll(paragraphs);
        JsonNode text = shard.unstructuredData() == null ? null : shard.unstructuredData().get("text");
        if (text != null && text.isString() && !text.asString().isBlank()) {
            parts.add(text.asString());
        }
        return new Rendered(header, String.join("\n\n", parts));
    }

    private static String label(JsonNode data) {
        if (data == null) {
            return null;
        }
        for (String field : LABELS) {
            JsonNode value = data.get(field);
            if (value != null && value.isString() && !value.asString().isBlank()) {
                String text = value.asString().strip().replaceAll("\\s+", " ");
                return text.length() > 120 ? text.substring(0, 120) : text;
            }
        }
        return null;
    }

    /** {@code closeDate} reads as "close date": closer to how people phrase questions. */
    private static String words(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase();
    }
}
