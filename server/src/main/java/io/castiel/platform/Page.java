package io.castiel.platform;

import java.util.List;

/** One page of a list endpoint: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, String nextCursor) {
}
