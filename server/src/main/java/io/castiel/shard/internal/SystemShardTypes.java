package io.castiel.shard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import io.castiel.shard.ShardType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in types every tenant sees ({@code c_account}, {@code c_contact}, ...), shipped in
 * {@code shard-types/system-types.json}. They are read-only; a tenant extends one with a child type.
 */
@Component
public class SystemShardTypes {

    public static final String RESERVED_PREFIX = "c_";

    private final Map<String, ShardType> types = new LinkedHashMap<>();

    SystemShardTypes(JsonMapper json) throws IOException {
        try (InputStream in = new ClassPathResource("shard-types/system-types.json").getInputStream()) {
            for (JsonNode node : json.readTree(in)) {
                List<String> embed = new ArrayList<>();
                node.path("embedFields").forEach(f -> embed.add(f.asString()));
                ShardType type = new ShardType(node.get("name").asString(), node.get("displayName").asString(),
                        node.get("description").asString(), null, node.get("schema"), List.of(), List.copyOf(embed), true, List.of(), true, null, null,
                        Instant.EPOCH, Instant.EPOCH);
                types.put(type.name(), type);
            }
        }
    }

    public Optional<ShardType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public List<ShardType> all() {
        return List.copyOf(types.values());
    }
}
