package io.castiel.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.castiel.platform.ApiException;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * {@link ShardFilter} (the in-memory {@code where}) agrees with {@code GET /shards?where=} (the
 * SQL one) on the same shards, operator by operator, and refuses exactly what the list refuses.
 */
class ShardFilterTests extends CastielTest {

    private static final List<String> DATA = List.of(
            "{\"name\": \"Acme\", \"amount\": 10000, \"stage\": \"open\", \"tags\": [\"key\", 7], \"owner\": {\"region\": \"EU\"}}",
            "{\"name\": \"acme labs\", \"amount\": 9999.5, \"stage\": \"won\", \"tags\": [\"small\"]}",
            "{\"name\": \"Zeta\", \"amount\": \"10000\", \"stage\": \"lost\", \"flag\": true, \"owner\": {\"region\": \"US\"}}",
            "{\"name\": \"Beta\", \"amount\": 25000, \"flag\": false, \"note\": null}",
            "{\"name\": \"Ünïcode\", \"amount\": 1e4, \"stage\": \"Open\"}");

    private static final List<String> FILTERS = List.of("amount:eq:10000", "amount:ne:10000", "amount:gte:10000", "amount:gt:9999.5",
            "amount:lt:10000", "amount:lte:9999.5", "name:gt:B", "name:lte:Zeta", "name:lt:acme", "stage:eq:open", "stage:ne:open",
            "stage:in:open|won", "stage:in:Open|lost|x", "name:contains:ACME", "tags:contains:key", "tags:contains:7",
            "tags:contains:small", "owner.region:eq:EU", "owner.region:exists", "owner.region:exists:false", "flag:eq:true",
            "flag:eq:false", "flag:ne:true", "note:exists", "note:eq:null", "stage:exists:false", "name:contains:ü", "amount:in:10000|25000");

    @Test
    void theInMemoryFilterAgreesWithTheListOnEveryOperator() {
        TestTenant tenant = newTenant();
        List<JsonNode> shards = new ArrayList<>();
        for (String data : DATA) {
            shards.add(tenant.createShard("c_account", (tools.jackson.databind.node.ObjectNode) Api.parse(data)));
        }
        for (String filter : FILTERS) {
            ShardFilter inMemory = ShardFilter.parse(List.of(filter));
            Set<String> expected = new TreeSet<>();
            for (JsonNode shard : shards) {
                if (inMemory.matches(shard.get("structuredData"))) {
                    expected.add(shard.get("id").asString());
                }
            }
            Api.Response listed = tenant.api().get("shards?type=c_account&limit=50&where=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
            assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
            Set<String> actual = new TreeSet<>();
            listed.json().get("items").forEach(shard -> actual.add(shard.get("id").asString()));
            assertThat(expected).as(filter).isEqualTo(actual);
        }
        // Several filters are ANDed.
        assertThat(ShardFilter.parse(List.of("amount:gte:10000", "stage:eq:open")).matches(shards.get(0).get("structuredData"))).isTrue();
        assertThat(ShardFilter.parse(List.of("amount:gte:10000", "stage:eq:won")).matches(shards.get(0).get("structuredData"))).isFalse();
    }

    @Test
    void theInMemoryFilterRefusesWhatTheListRefuses() {
        TestTenant tenant = newTenant();
        for (String bad : List.of("amount", "amount:between:1", "amount:gte", "bad field:eq:1", "a.b.c.d.e.f.g.h.i:eq:1", "flag:exists:maybe")) {
            assertThatThrownBy(() -> ShardFilter.parse(List.of(bad))).as(bad).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).errors().get(0).pointer()).isEqualTo("/where"));
            assertThat(tenant.api().get("shards?where=" + URLEncoder.encode(bad, StandardCharsets.UTF_8)).status()).as(bad).isEqualTo(400);
        }
    }
}
