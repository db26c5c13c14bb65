package io.castiel.shard.internal;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What the fields an aggregation names are, and how SQL reads them. A field is a system field
 * ({@code status}, {@code shardType}, {@code createdBy}, {@code createdAt}, {@code updatedAt},
 * {@code metadata.tags}) or a {@code structuredData} path that the type's effective schema declares
 * ({@code structuredData.status} reaches a data field that a system field's name would hide); its
 * kind comes from the declared {@code type} and {@code format}. Paths are checked by
 * {@link WhereFilter#pathOf}, so inlining them in a {@code text[]} literal is safe.
 */
final class AggregationFields {

    /** How a field's values group and aggregate. */
    enum Kind {
        STRING, NUMBER, BOOLEAN, DATE, DATE_TIME, TIMESTAMP, TAGS, COMPOSITE, OTHER
    }

    /**
     * One resolved field: a column of the shards table ({@code column}) or a path into
     * {@code structured_data} ({@code path}), with the money marker of its schema when it has one.
     */
    record Field(String name, Kind kind, String column, String[] path, String currencyField) {

        /** The JSON value at the path, for a {@code structuredData} field of the row aliased {@code alias}. */
        String json(String alias) {
            return alias + ".structured_data #> '" + literal(path) + "'";
        }

        /** The value as text: a JSON string's content, a number's or boolean's text form, a column's text. */
        String text(String alias) {
            if (column == null) {
                return alias + ".structured_data #>> '" + literal(path) + "'";
            }
            return column.equals("created_by") ? "cast(" + alias + ".created_by as text)" : alias + "." + column;
        }

        /** The value as a number when it is a JSON number, else null: what numeric measures take. */
        String number(String alias) {
            return "case when jsonb_typeof(" + json(alias) + ") = 'number' then cast(" + json(alias) + " as numeric) end";
        }

        boolean structured() {
            return column == null;
        }
    }

    private AggregationFields() {
    }

    /**
     * The field named {@code name} of a shard whose type's effective schema is {@code schema}, or
     * null when there is no such field. With {@code schema} null (the far end of a relationship,
     * whose type is not known in advance), any valid path is a field of kind {@link Kind#OTHER}.
     */
    static Field resolve(String name, JsonNode schema) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "status" -> {
                return new Field(name, Kind.STRING, "status", null, null);
            }
            case "shardType" -> {
                return new Field(name, Kind.STRING, "shard_type", null, null);
            }
            case "createdBy" -> {
                return new Field(name, Kind.STRING, "created_by", null, null);
            }
            case "createdAt" -> {
                return new Field(name, Kind.TIMESTAMP, "created_at", null, null);
            }
            case "updatedAt" -> {
                return new Field(name, Kind.TIMESTAMP, "updated_at", null, null);
            }
            case "metadata.tags" -> {
                return new Field(name, Kind.TAGS, "metadata", null, null);
            }
            default -> {
                String dataPath = name.startsWith("structuredData.") ? name.substring("structuredData.".length()) : name;
                String[] path = WhereFilter.pathOf(dataPath);
                if (path == null) {
                    return null;
                }
                if (schema == null) {
                    return new Field(name, Kind.OTHER, null, path, null);
                }
                JsonNode declared = declared(schema, path);
                if (declared == null) {
                    return null;
                }
                String currency = declared.path("x-castiel-currency-field").asString(null);
                if (currency != null && WhereFilter.pathOf(currency) == null) {
                    currency = null;
                }
                return new Field(name, kindOf(declared), null, path, currency);
            }
        }
    }

    /** Whether {@code path} is declared by the schema (through {@code properties}, following local {@code $ref}s). */
    static boolean declares(JsonNode schema, String[] path) {
        return declared(schema, path) != null;
    }

    /** The schema of the field at {@code path}, or null when the schema does not declare it. */
    private static JsonNode declared(JsonNode schema, String[] path) {
        JsonNode node = schema;
        for (String segment : path) {
            node = followRef(schema, node);
            JsonNode properties = node == null ? null : node.get("properties");
            if (properties == null || !properties.isObject() || !properties.has(segment)) {
                return null;
            }
            node = properties.get(segment);
        }
        return followRef(schema, node);
    }

    static JsonNode followRef(JsonNode root, JsonNode node) {
        for (int hops = 0; node != null && hops < 8; hops++) {
            JsonNode ref = node.get("$ref");
            if (ref == null || !ref.isString() || !ref.asString().startsWith("#/")) {
                return node;
            }
            JsonNode target = root.at(ref.asString().substring(1));
            node = target.isMissingNode() ? null : target;
        }
        return node;
    }

    static Kind kindOf(JsonNode declared) {
        List<String> types = new ArrayList<>();
        JsonNode type = declared.get("type");
        if (type != null && type.isString()) {
            types.add(type.asString());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> {
                if (!"null".equals(t.asString(""))) {
                    types.add(t.asString(""));
                }
            });
        }
        if (types.isEmpty()) {
            JsonNode values = declared.get("enum");
            boolean strings = values != null && values.isArray() && !values.isEmpty();
            for (JsonNode value : strings ? values : List.<JsonNode>of()) {
                strings &= value.isString();
            }
            return strings ? Kind.STRING : Kind.OTHER;
        }
        if (types.stream().allMatch(t -> t.equals("number") || t.equals("integer"))) {
            return Kind.NUMBER;
        }
        if (types.size() > 1) {
            return Kind.OTHER;
        }
        return switch (types.get(0)) {
            case "string" -> switch (declared.path("format").asString("")) {
                case "date" -> Kind.DATE;
                case "date-time" -> Kind.DATE_TIME;
                default -> Kind.STRING;
            };
            case "boolean" -> Kind.BOOLEAN;
            case "array", "object" -> Kind.COMPOSITE;
            default -> Kind.OTHER;
        };
    }

    /** A checked path as a {@code text[]} literal: {@code {address,city}}. */
    static String literal(String[] path) {
        return "{" + String.join(",", path) + "}";
    }
}
