package io.castiel.identity.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Role lists as clients send them: validated, without repeats, strongest first. */
public final class Roles {

    private Roles() {
    }

    /** Wire names checked and normalized; an empty list, a null or an unknown name is a 400. */
    public static List<String> parse(List<String> names, String pointer) {
        if (names == null || names.isEmpty()) {
            throw ApiException.badRequest("roles must name at least one of owner, admin, member, viewer", pointer);
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || Role.fromWire(name).isEmpty()) {
                throw ApiException.badRequest("Unknown role " + name + ": use owner, admin, member or viewer", pointer + "/" + i);
            }
        }
        return of(names).stream().distinct().sorted(Comparator.naturalOrder()).map(Role::wireName).toList();
    }

    public static List<Role> of(List<String> names) {
        return names.stream().map(Role::fromWire).flatMap(Optional::stream).toList();
    }

    public static ArrayNode json(List<String> names) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        names.forEach(array::add);
        return array;
    }
}
