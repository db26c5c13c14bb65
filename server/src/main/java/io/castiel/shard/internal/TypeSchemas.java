package io.castiel.shard.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import io.castiel.platform.ApiException.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schema 2020-12 through networknt's validator. Compiled schemas are cached by the hash of
 * their text, so a type's schema compiles once however often shards of it are written. Remote
 * {@code $ref}s are never fetched: a tenant's schema must not make the server call out.
 */
@Component
public class TypeSchemas {

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final SchemaRegistry registry;
    private final Schema metaSchema;
    private final Cache<String, Schema> compiled = Caffeine.newBuilder().maximumSize(10_000).build();

    TypeSchemas() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemaLoader(loader -> loader.fetchRemoteResources(false)));
        this.metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));
    }

    /** Problems with a schema document itself, with pointers under {@code pointerPrefix}. */
    public List<FieldError> checkSchema(JsonNode schema, String pointerPrefix) {
        List<FieldError> problems = new ArrayList<>();
        if (schema == null || !schema.isObject()) {
            problems.add(new FieldError(pointerPrefix, "must be a JSON Schema object"));
            return problems;
        }
        if (schema.has("type") && !"object".equals(schema.get("type").asString(""))) {
            problems.add(new FieldError(pointerPrefix + "/type", "a shard type's schema must describe an object"));
        }
        if (schema.has("$schema") && !META_SCHEMA.equals(schema.get("$schema").asString(""))) {
            problems.add(new FieldError(pointerPrefix + "/$schema", "only JSON Schema draft 2020-12 (" + META_SCHEMA + ") is supported"));
        }
        findRemoteReferences(schema, pointerPrefix, problems);
        for (Error error : metaSchema.validate(schema)) {
            problems.add(new FieldError(pointerPrefix + pointer(error), error.getMessage()));
        }
        if (problems.isEmpty()) {
            try {
                compile(schema);
            } catch (RuntimeException e) {
                problems.add(new FieldError(pointerPrefix, "the schema cannot be compiled: " + e.getMessage()));
            }
        }
        return problems;
    }

    /** Validation errors of {@code data}, as JSON pointers under {@code pointerPrefix}. */
    public List<FieldError> validate(JsonNode schema, JsonNode data, String pointerPrefix) {
        List<FieldError> problems = new ArrayList<>();
        for (Error error : compile(schema).validate(data)) {
            problems.add(new FieldError(pointerPrefix + pointer(error), error.getMessage()));
        }
        return problems;
    }

    /**
     * Merges a type's schema with its ancestors' ({@code chain} nearest first): properties and
     * {@code $defs} are combined with the nearer type winning per key, {@code required} lists are
     * united, and any other keyword takes the nearest type's value.
     */
    public JsonNode effective(List<JsonNode> chain) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (int i = chain.size() - 1; i >= 0; i--) {
            JsonNode schema = chain.get(i);
            for (Map.Entry<String, JsonNode> field : schema.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if ((key.equals("properties") || key.equals("$defs")) && value.isObject() && merged.get(key) instanceof ObjectNode existing) {
                    ObjectNode combined = existing.deepCopy();
                    value.properties().forEach(p -> combined.set(p.getKey(), p.getValue()));
                    merged.set(key, combined);
                } else if (key.equals("required") && value.isArray() && merged.get(key) instanceof ArrayNode existing) {
                    Set<String> names = new LinkedHashSet<>();
                    existing.forEach(n -> names.add(n.asString()));
                    value.forEach(n -> names.add(n.asString()));
                    ArrayNode combined = merged.putArray(key);
                    names.forEach(combined::add);
                } else {
                    merged.set(key, value.deepCopy());
                }
            }
        }
        return merged;
    }

    private Schema compile(JsonNode schema) {
        return compiled.get(fingerprint(schema), key -> registry.getSchema(schema));
    }

    private static String pointer(Error error) {
        StringBuilder pointer = new StringBuilder();
        NodePath path = error.getInstanceLocation();
        for (int i = 0; path != null && i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer.append('/').append(escape(error.getProperty()));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static void findRemoteReferences(JsonNode node, String pointer, List<FieldError> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = pointer + "/" + escape(field.getKey());
                if ((field.getKey().equals("$ref") || field.getKey().equals("$dynamicRef")) && field.getValue().isString()
                        && !field.getValue().asString().startsWith("#")) {
                    problems.add(new FieldError(child, "only local references (starting with #) are allowed"));
                }
                findRemoteReferences(field.getValue(), child, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findRemoteReferences(node.get(i), pointer + "/" + i, problems);
            }
        }
    }

    private static String fingerprint(JsonNode schema) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(schema.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
