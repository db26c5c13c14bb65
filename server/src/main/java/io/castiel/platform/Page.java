package io.castiel.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, String nextCursor) {

    /** The same page with each item turned into another (same cursor). */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
