package io.castiel.search;

import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keyword search ranks by BM25 (ShardSearch#keyword): a question's words need not all be in a
 * shard, rarer words weigh more, words of a title more than the same words in a body, and
 * {@code match: "all"} keeps the every-word behaviour.
 */
class KeywordRankingTests extends CastielTest {

    private static List<String> keyword(Api api, String query, String match) {
        ObjectNode body = Api.object().put("query", query).put("mode", "keyword");
        if (match != null) {
            body.put("match", match);
        }
        Api.Response response = api.post("search", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.at("/shard/id").asString()));
        return ids;
    }

    private static String id(JsonNode shard) {
        return shard.get("id").asString();
    }

    @Test
    void aQuestionFindsTheShardWithSomeOfItsWordsAndTheRarerWordsRankFirst() {
        Api api = newTenant().api();
        List<String> common = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            common.add(id(note(api, "Weekly account review " + i, "The customer asked for the quarterly usage report and a training date.")));
        }
        String chiller = id(note(api, "Brewery visit", "The glycol chiller of fermenter six failed during the night shift."));

        List<String> found = keyword(api, "did the customer say anything about a broken glycol chiller?", null);

        assertThat(found).as("no shard has every word of the question, each has some").contains(chiller).containsAll(common);
        assertThat(found.get(0)).as("glycol and chiller are in one shard, customer in six").isEqualTo(chiller);
        assertThat(keyword(api, "did the customer say anything about a broken glycol chiller?", "all")).isEmpty();
    }

    @Test
    void aWordInTheTitleCountsMoreThanTheSameWordInTheBody() {
        Api api = newTenant().api();
        String inBody = id(note(api, "Facilities update", "Our team relocates the Rotterdam depot to a larger site in the spring."));
        String inTitle = id(note(api, "Rotterdam depot", "Our team relocates the freight depot to a larger site in the spring."));

        assertThat(keyword(api, "Rotterdam", null)).containsExactly(inTitle, inBody);
    }

    @Test
    void everyWordStaysAvailableAsAnOptionAndAsAQuotedPhrase() {
        Api api = newTenant().api();
        String both = id(note(api, "Pricing call", "They want a discount on the annual licence before they renew."));
        String one = id(note(api, "Support call", "They asked for a discount on training days."));

        assertThat(keyword(api, "annual discount", null)).containsExactlyInAnyOrder(both, one);
        assertThat(keyword(api, "annual discount", "all")).containsExactly(both);
        assertThat(keyword(api, "\"discount on training\"", null)).containsExactly(one);
    }

    @Test
    void anUnknownMatchIsABadRequest() {
        Api api = newTenant().api();

        Api.Response response = api.post("search", Api.object().put("query", "discount").put("mode", "keyword").put("match", "some"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("match must be any or all");
    }
}
