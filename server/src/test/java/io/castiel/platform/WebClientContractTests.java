package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web app's API client is generated from web/openapi.json (openapi-typescript in its build);
 * this keeps that file equal to the document the server serves, so a server change that the
 * client does not know about fails here, and, once the file is regenerated, fails the client's
 * type check where the change breaks it.
 */
class WebClientContractTests extends CastielTest {

    private static final Path COMMITTED = Path.of("..", "web", "openapi.json");

    /** Fields that describe where this server runs, not the contract. */
    private static final Set<String> VOLATILE = Set.of("servers");

    private static final String HOW_TO_FIX = """
            web/openapi.json differs from the server's /api/v1/openapi.json. If the API change is intended, \
            regenerate it with `web/scripts/update-openapi.sh` (builds the server, starts it, saves the document), \
            then run `npm run build` in web/ (the generated types must still compile against the web app) and \
            commit web/openapi.json with the change.""";

    @Test
    void committedOpenApiDocumentIsTheServedOne() throws IOException {
        assertThat(COMMITTED).as("%s (from %s); %s", COMMITTED, Path.of("").toAbsolutePath(), HOW_TO_FIX).isRegularFile();
        JsonNode committed = withoutVolatileFields(Api.parse(Files.readString(COMMITTED)));

        Api.Response response = anonymous.get("/api/v1/openapi.json");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode served = withoutVolatileFields(response.json());

        List<String> differences = new ArrayList<>();
        diff("", served, committed, differences);
        assertThat(differences)
                .as("%s%nFirst differences (JSON pointer: served vs committed):%n  %s", HOW_TO_FIX,
                        String.join(System.lineSeparator() + "  ", differences.subList(0, Math.min(differences.size(), 20))))
                .isEmpty();
        assertThat(served).isEqualTo(committed);
    }

    private static JsonNode withoutVolatileFields(JsonNode document) {
        if (document instanceof ObjectNode object) {
            VOLATILE.forEach(object::remove);
        }
        return document;
    }

    /** Where two JSON documents differ, as JSON pointers (object key order is not a difference). */
    private static void diff(String pointer, JsonNode served, JsonNode committed, List<String> out) {
        if (served.equals(committed)) {
            return;
        }
        if (served.isObject() && committed.isObject()) {
            Set<String> names = new TreeSet<>(served.propertyNames());
            names.addAll(committed.propertyNames());
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!served.has(name)) {
                    out.add(child + ": only in web/openapi.json");
                } else if (!committed.has(name)) {
                    out.add(child + ": only served");
                } else {
                    diff(child, served.get(name), committed.get(name), out);
                }
            }
        } else if (served.isArray() && committed.isArray() && served.size() == committed.size()) {
            for (int i = 0; i < served.size(); i++) {
                diff(pointer + "/" + i, served.get(i), committed.get(i), out);
            }
        } else {
            out.add(pointer + ": " + abbreviate(served) + " vs " + abbreviate(committed));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
