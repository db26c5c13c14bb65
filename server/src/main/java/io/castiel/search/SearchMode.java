package io.castiel.search;

import java.util.Arrays;
import java.util.Optional;

/** How {@code POST /search} ranks: full text, vector similarity, or both fused (the default). */
public enum SearchMode {
    KEYWORD, SEMANTIC, HYBRID;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<SearchMode> fromWire(String value) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(value)).findFirst();
    }
}
