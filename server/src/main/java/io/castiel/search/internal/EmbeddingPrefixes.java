package io.castiel.search.internal;

/**
 * What the embedding model wants put before a search query and before a stored text: models
 * trained on question-passage pairs (e5) embed each with its own prefix; MiniLM wants none.
 */
public record EmbeddingPrefixes(String query, String passage) {

    static final EmbeddingPrefixes NONE = new EmbeddingPrefixes("", "");

    public String query(String text) {
        return query + text;
    }

    public String passage(String text) {
        return passage + text;
    }
}
