package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.shard.Shard;
import io.castiel.support.Api;
import tools.jackson.databind.JsonNode;

class ShardTextTests {

    private static Shard shard(String type, JsonNode structured, String text) {
        return new Shard(UUID.randomUUID(), UUID.randomUUID(), type, structured, text == null ? null : Api.object().put("text", text), null,
                "active", "api", 1, Api.JSON.createArrayNode(), null, Instant.now(), Instant.now(), "pending");
    }

    @Test
    void headerFieldsEmbedFieldsAndTextAreRendered() {
        Shard shard = shard("c_opportunity", Api.object().put("name", "Acme expansion").put("closeDate", "2026-12-01").put("amount", 50000)
                .put("accountId", UUID.randomUUID().toString()).put("description", "Roll-out to three more plants"), "Champion is the CFO.");

        ShardText.Rendered rendered = ShardText.render(shard, List.of("/description"));

        assertThat(rendered.header()).isEqualTo("opportunity: Acme expansion");
        assertThat(rendered.body()).contains("close date: 2026-12-01").contains("amount: 50000").contains("Roll-out to three more plants")
                .contains("description: Roll-out to three more plants").contains("Champion is the CFO.").doesNotContain("account id");
    }

    @Test
    void systemEmbedFieldsAreNotRepeatedAndShortOnesKeepTheirName() {
        Shard note = shard("c_note", Api.object().put("title", "Kickoff").put("body", "We met the whole project team on site."), "Follow-up next week.");
        Shard account = shard("c_account", Api.object().put("name", "Acme").put("industry", "Energy").put("country", "NL"), null);

        ShardText.Rendered renderedNote = ShardText.render(note, List.of("/title", "/body"));
        ShardText.Rendered renderedAccount = ShardText.render(account, List.of("/name", "/industry"));

        assertThat(renderedNote.body()).isEqualTo("We met the whole project team on site.\n\nFollow-up next week.");
        assertThat(renderedAccount.header()).isEqualTo("account: Acme");
        assertThat(renderedAccount.body()).isEqualTo("industry: Energy; country: NL.");
    }

    @Test
    void aShardWithoutALabelIsNamedByItsType() {
        assertThat(ShardText.render(shard("invoice", Api.object().put("total", 12), null), List.of()).header()).isEqualTo("invoice");
    }
}
