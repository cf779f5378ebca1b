package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListReadsTest {

    static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
    static final String CONTINUE_TOO_OLD = "The provided continue parameter is too old to display a consistent list "
            + "result. You can start a new list without the continue parameter, or use the continue token in this "
            + "response to retrieve the remainder of the results. Continuing with the provided token results in an "
            + "inconsistent list - objects that were created, modified, or deleted between the time the first chunk "
            + "was returned and now may show up in the list.";

    Cluster cluster;
    FakeApiServer server;
    Http http;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(3).watchHistory(20).build();
        server = FakeApiServer.start(cluster);
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    private long put(String name, String value) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"v\":\"" + value + "\"}}";
        Http.Reply reply = http.get(CONFIGMAPS + "/" + name).code() == 404 ? http.post(CONFIGMAPS, body)
                : http.put(CONFIGMAPS + "/" + name, body);
        assertThat(reply.code()).as(reply.text()).isBetween(200, 201);
        return reply.json().path("metadata").path("resourceVersion").asLong();
    }

    private static List<String> items(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("items").forEach(i -> out.add(i.path("metadata").path("name").asText() + "="
                + i.path("data").path("v").asText()));
        return out;
    }

    private static String rv(JsonNode list) {
        return list.path("metadata").path("resourceVersion").asText();
    }

    @Test
    void pagesStayConsistentWithTheFirstPageWhileWritesHappenBetweenPages() {
        for (int i = 1; i <= 5; i++) {
            put("cm-" + i, "old");
        }

        JsonNode first = http.get(CONFIGMAPS + "?limit=2").json();
        http.delete(CONFIGMAPS + "/cm-3", null);
        put("cm-0", "new");
        put("cm-4", "new");
        put("cm-6", "new");
        JsonNode second = http.get(CONFIGMAPS + "?limit=2&continue=" + first.path("metadata").path("continue").asText()).json();
        JsonNode third = http.get(CONFIGMAPS + "?limit=2&continue=" + second.path("metadata").path("continue").asText()).json();

        assertThat(items(first)).containsExactly("cm-1=old", "cm-2=old");
        assertThat(first.path("metadata").path("remainingItemCount").asInt()).isEqualTo(3);
        assertThat(items(second)).containsExactly("cm-3=old", "cm-4=old");
        assertThat(rv(second)).isEqualTo(rv(first));
        assertThat(second.path("metadata").path("remainingItemCount").asInt()).isEqualTo(1);
        assertThat(items(third)).containsExactly("cm-5=old");
        assertThat(third.path("metadata").has("continue")).isFalse();
        assertThat(third.path("metadata").has("remainingItemCount")).isFalse();
        assertThat(items(http.get(CONFIGMAPS).json())).containsExactly("cm-0=new", "cm-1=old", "cm-2=old", "cm-4=new",
                "cm-5=old", "cm-6=new");
    }

    @Test
    void aSelectedListPagesWithoutRemainingItemCount() {
        for (int i = 1; i <= 3; i++) {
            put("cm-" + i, "old");
        }

        JsonNode first = http.get(CONFIGMAPS + "?limit=1&fieldSelector=metadata.name!=cm-2").json();
        JsonNode second = http.get(CONFIGMAPS + "?limit=1&fieldSelector=metadata.name!=cm-2&continue="
                + first.path("metadata").path("continue").asText()).json();

        assertThat(items(first)).containsExactly("cm-1=old");
        assertThat(first.path("metadata").has("remainingItemCount")).isFalse();
        assertThat(items(second)).containsExactly("cm-3=old");
    }

    @Test
    void aContinueTokenOlderThanTheHistoryIs410WithATokenToGoOnInconsistently() {
        for (int i = 1; i <= 4; i++) {
            put("cm-" + i, "old");
        }
        JsonNode first = http.get(CONFIGMAPS + "?limit=2").json();
        for (int i = 0; i < 25; i++) {
            put("cm-4", "v" + i);
        }

        Http.Reply expired = http.get(CONFIGMAPS + "?limit=2&continue=" + first.path("metadata").path("continue").asText());
        JsonNode status = expired.json();
        JsonNode rest = http.get(CONFIGMAPS + "?limit=2&continue=" + status.path("metadata").path("continue").asText()).json();

        assertThat(expired.code()).isEqualTo(410);
        assertThat(status.path("reason").asText()).isEqualTo("Expired");
        assertThat(status.path("message").asText()).isEqualTo(CONTINUE_TOO_OLD);
        assertThat(items(rest)).containsExactly("cm-3=old", "cm-4=v24");
        assertThat(rv(rest)).isEqualTo(cluster.resourceVersion());
        assertThat(rest.path("metadata").has("continue")).isFalse();
    }

    @Test
    void anExactListServesTheStateAtThatResourceVersion() {
        long then = put("a", "old");
        put("b", "old");
        put("a", "new");

        JsonNode list = http.get(CONFIGMAPS + "?resourceVersion=" + then + "&resourceVersionMatch=Exact").json();

        assertThat(items(list)).containsExactly("a=old");
        assertThat(rv(list)).isEqualTo(Long.toString(then));
    }

    @Test
    void anExactListOlderThanTheHistoryIs410Expired() {
        long then = put("a", "v");
        for (int i = 0; i < 25; i++) {
            put("a", "v" + i);
        }

        Http.Reply reply = http.get(CONFIGMAPS + "?resourceVersion=" + then + "&resourceVersionMatch=Exact");

        assertThat(reply.code()).isEqualTo(410);
        assertThat(reply.json().path("reason").asText()).isEqualTo("Expired");
        assertThat(reply.json().path("message").asText()).isEqualTo("The resourceVersion for the provided list is too old.");
        assertThat(reply.json().path("metadata").has("continue")).isFalse();
    }

    @Test
    void aLimitWithAResourceVersionButNoMatchReadsExactlyThereAsTheLegacyRuleSays() {
        long then = put("a", "old");
        put("b", "old");

        JsonNode paged = http.get(CONFIGMAPS + "?resourceVersion=" + then + "&limit=10").json();
        JsonNode whole = http.get(CONFIGMAPS + "?resourceVersion=" + then).json();

        assertThat(items(paged)).containsExactly("a=old");
        assertThat(items(whole)).containsExactly("a=old", "b=old");
        assertThat(rv(whole)).isEqualTo(cluster.resourceVersion());
    }

    @Test
    void notOlderThanServesTheLatestStateAndPagesIt() {
        long then = put("a", "old");
        put("b", "old");
        put("a", "new");

        JsonNode list = http.get(CONFIGMAPS + "?resourceVersion=" + then + "&resourceVersionMatch=NotOlderThan&limit=1").json();

        assertThat(items(list)).containsExactly("a=new");
        assertThat(rv(list)).isEqualTo(cluster.resourceVersion());
        assertThat(list.path("metadata").path("remainingItemCount").asInt()).isEqualTo(1);
    }

    @Test
    void resourceVersionZeroServesTheWholeListWhateverTheLimit() {
        put("a", "v");
        put("b", "v");

        JsonNode list = http.get(CONFIGMAPS + "?resourceVersion=0&limit=1").json();

        assertThat(items(list)).containsExactly("a=v", "b=v");
        assertThat(list.path("metadata").has("continue")).isFalse();
    }

    @Test
    void aResourceVersionNotReachedYetIs504TooLargeResourceVersion() {
        long current = put("a", "v");
        long future = current + 10;

        Http.Reply notOlder = http.get(CONFIGMAPS + "?resourceVersion=" + future);
        Http.Reply exact = http.get(CONFIGMAPS + "?resourceVersion=" + future + "&resourceVersionMatch=Exact");

        assertThat(notOlder.code()).isEqualTo(504);
        assertThat(notOlder.json().path("reason").asText()).isEqualTo("Timeout");
        assertThat(notOlder.json().path("message").asText())
                .isEqualTo("Timeout: Too large resource version: " + future + ", current: " + current);
        assertThat(notOlder.json().path("details").toString()).isEqualTo(
                "{\"causes\":[{\"reason\":\"ResourceVersionTooLarge\",\"message\":\"Too large resource version\"}],"
                        + "\"retryAfterSeconds\":1}");
        assertThat(exact.code()).isEqualTo(504);
        assertThat(exact.json().path("details").has("retryAfterSeconds")).isFalse();
    }

    @Test
    void listOptionsAreCheckedAsValidateListOptionsWordsThem() {
        Http.Reply noVersion = http.get(CONFIGMAPS + "?resourceVersionMatch=NotOlderThan");
        Http.Reply exactZero = http.get(CONFIGMAPS + "?resourceVersion=0&resourceVersionMatch=Exact");
        Http.Reply unknown = http.get(CONFIGMAPS + "?resourceVersionMatch=Latest");
        Http.Reply initialEvents = http.get(CONFIGMAPS + "?sendInitialEvents=true");

        assertThat(noVersion.code()).isEqualTo(422);
        assertThat(noVersion.json().path("message").asText()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
        assertThat(exactZero.json().path("message").asText()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
        assertThat(unknown.json().path("message").asText()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: ["
                + "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, "
                + "resourceVersionMatch: Unsupported value: \"Latest\": supported values: \"Exact\", \"NotOlderThan\", \"\"]");
        assertThat(unknown.json().path("details").path("causes").get(1).path("reason").asText())
                .isEqualTo("FieldValueNotSupported");
        assertThat(initialEvents.json().path("message").asText()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list");
    }

    @Test
    void continueTakesNoResourceVersionAndMustBeAToken() {
        put("a", "v");
        put("b", "v");
        String token = http.get(CONFIGMAPS + "?limit=1").json().path("metadata").path("continue").asText();

        Http.Reply withVersion = http.get(CONFIGMAPS + "?limit=1&resourceVersion=1&continue=" + token);
        Http.Reply withMatch = http.get(CONFIGMAPS + "?limit=1&resourceVersion=1&resourceVersionMatch=Exact&continue=" + token);
        Http.Reply withZero = http.get(CONFIGMAPS + "?limit=1&resourceVersion=0&continue=" + token);
        Http.Reply garbage = http.get(CONFIGMAPS + "?continue=garbage");
        Http.Reply climbing = http.get(CONFIGMAPS + "?continue="
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        "{\"v\":\"meta.k8s.io/v1\",\"rv\":5,\"start\":\"../secrets/x\"}".getBytes()));

        assertThat(withVersion.code()).isEqualTo(400);
        assertThat(withVersion.json().path("message").asText())
                .isEqualTo("specifying resource version is not allowed when using continue");
        assertThat(withMatch.code()).isEqualTo(422);
        assertThat(withMatch.json().path("message").asText()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided");
        assertThat(items(withZero.json())).containsExactly("b=v");
        assertThat(garbage.code()).isEqualTo(400);
        assertThat(garbage.json().path("message").asText()).isEqualTo("invalid continue token: continue key is not valid");
        assertThat(climbing.json().path("message").asText())
                .isEqualTo("invalid continue token: continue key is not valid: ../secrets/x");
    }
}
