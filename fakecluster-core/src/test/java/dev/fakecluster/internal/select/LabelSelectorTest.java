package dev.fakecluster.internal.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "frontend", "replicas", "5");
    private static final Map<String, String> DB = Map.of("app", "db", "tier", "backend");
    private static final Map<String, String> BARE = Map.of();

    private static boolean matches(String selector, Map<String, String> labels) {
        return LabelSelector.parse(selector).matches(labels);
    }

    private static ApiException parseFailure(String selector) {
        return catchThrowableOfType(ApiException.class, () -> LabelSelector.parse(selector));
    }

    private static JsonNode json(String text) throws JsonProcessingException {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void equalsAndDoubleEqualsMatchOnlyThatValue() {
        assertThat(matches("app=web", WEB)).isTrue();
        assertThat(matches("app==web", WEB)).isTrue();
        assertThat(matches("app = web", WEB)).isTrue();
        assertThat(matches("app=web", DB)).isFalse();
        assertThat(matches("app==web", BARE)).isFalse();
    }

    @Test
    void notEqualsAlsoMatchesObjectsWithoutTheKey() {
        assertThat(matches("app!=web", DB)).isTrue();
        assertThat(matches("app!=web", BARE)).isTrue();
        assertThat(matches("app!=web", WEB)).isFalse();
    }

    @Test
    void inMatchesAnyListedValue() {
        assertThat(matches("app in (web,db)", WEB)).isTrue();
        assertThat(matches("app in (web, db)", DB)).isTrue();
        assertThat(matches("app in (cache)", WEB)).isFalse();
        assertThat(matches("app in (web)", BARE)).isFalse();
    }

    @Test
    void notinAlsoMatchesObjectsWithoutTheKey() {
        assertThat(matches("app notin (cache,db)", WEB)).isTrue();
        assertThat(matches("app notin (cache,db)", BARE)).isTrue();
        assertThat(matches("app notin (cache,db)", DB)).isFalse();
    }

    @Test
    void bareKeyRequiresTheKeyAndBangKeyForbidsIt() {
        assertThat(matches("tier", WEB)).isTrue();
        assertThat(matches("tier", BARE)).isFalse();
        assertThat(matches("!tier", BARE)).isTrue();
        assertThat(matches("! tier", WEB)).isFalse();
    }

    @Test
    void greaterAndLessThanCompareIntegers() {
        assertThat(matches("replicas>4", WEB)).isTrue();
        assertThat(matches("replicas>5", WEB)).isFalse();
        assertThat(matches("replicas<6", WEB)).isTrue();
        assertThat(matches("replicas<5", WEB)).isFalse();
        assertThat(matches("replicas>0", BARE)).isFalse();
        assertThat(matches("app>1", WEB)).isFalse();
    }

    @Test
    void commaIsAndAcrossAllRequirements() {
        assertThat(matches("app=web,tier=frontend,!canary", WEB)).isTrue();
        assertThat(matches("app=web,tier=backend", WEB)).isFalse();
        assertThat(matches("app in (web,db), tier notin (backend)", DB)).isFalse();
    }

    @Test
    void emptyValueMatchesAnEmptyLabel() {
        assertThat(matches("flag=", Map.of("flag", ""))).isTrue();
        assertThat(matches("flag=", Map.of("flag", "on"))).isFalse();
    }

    @Test
    void prefixedKeysAreAccepted() {
        assertThat(matches("app.kubernetes.io/name=web", Map.of("app.kubernetes.io/name", "web"))).isTrue();
    }

    @Test
    void nullOrBlankSelectsEverything() {
        assertThat(LabelSelector.parse(null).isEverything()).isTrue();
        assertThat(LabelSelector.parse("  ").isEverything()).isTrue();
        assertThat(LabelSelector.parse("").matches(BARE)).isTrue();
    }

    @Test
    void parsedRequirementsCarryTheirOperators() {
        LabelSelector s = LabelSelector.parse("a=1,b==2,c!=3,d in (x,y),e notin (z),f,!g,h>1,i<2");

        assertThat(s.requirements()).extracting(LabelSelector.Requirement::operator).containsExactly(
                LabelSelector.Operator.EQUALS, LabelSelector.Operator.EQUALS, LabelSelector.Operator.NOT_EQUALS,
                LabelSelector.Operator.IN, LabelSelector.Operator.NOT_IN, LabelSelector.Operator.EXISTS,
                LabelSelector.Operator.DOES_NOT_EXIST, LabelSelector.Operator.GREATER_THAN,
                LabelSelector.Operator.LESS_THAN);
        assertThat(s).hasToString("a=1,b=2,c!=3,d in (x,y),e notin (z),f,!g,h>1,i<2");
    }

    @Test
    void missingOperatorIsABadRequest() {
        ApiException e = parseFailure("app web");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt");
    }

    @Test
    void unclosedSetIsABadRequest() {
        ApiException e = parseFailure("app in (web");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("unable to parse requirement: found '', expected: ','");
    }

    @Test
    void emptyRequirementAfterCommaIsABadRequest() {
        ApiException e = parseFailure("app=web,");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("unable to parse requirement: found '', expected: !, identifier, or 'end of string'");
    }

    @Test
    void nonIntegerBoundForGreaterThanIsABadRequest() {
        ApiException e = parseFailure("replicas>five");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer");
    }

    @Test
    void invalidKeyIsABadRequest() {
        ApiException e = parseFailure("-app=web");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("unable to parse requirement: key: Invalid value: \"-app\": name part must consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void invalidValueIsABadRequest() {
        ApiException e = parseFailure("app=web-");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("unable to parse requirement: values[0]: Invalid value: \"web-\": a valid label must "
                + "be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
                + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void fromObjectOfNullOrMissingSelectsNothing() throws JsonProcessingException {
        assertThat(LabelSelector.fromObject(null).matches(BARE)).isFalse();
        assertThat(LabelSelector.fromObject(json("null")).matches(WEB)).isFalse();
        assertThat(LabelSelector.fromObject(json("{}").path("selector")).matches(WEB)).isFalse();
        assertThat(LabelSelector.fromObject(null)).isEqualTo(LabelSelector.NOTHING);
    }

    @Test
    void fromObjectOfAnEmptySelectorSelectsEverything() throws JsonProcessingException {
        LabelSelector s = LabelSelector.fromObject(json("{}"));

        assertThat(s.isEverything()).isTrue();
        assertThat(s.matches(BARE)).isTrue();
        assertThat(LabelSelector.fromObject(json("{\"matchLabels\": {}, \"matchExpressions\": []}")).isEverything())
                .isTrue();
    }

    @Test
    void fromObjectAndsMatchLabelsAndMatchExpressions() throws JsonProcessingException {
        LabelSelector s = LabelSelector.fromObject(json("""
                {
                  "matchLabels": {"app": "web"},
                  "matchExpressions": [
                    {"key": "tier", "operator": "In", "values": ["frontend", "edge"]},
                    {"key": "env", "operator": "NotIn", "values": ["prod"]},
                    {"key": "replicas", "operator": "Exists"},
                    {"key": "canary", "operator": "DoesNotExist"}
                  ]
                }
                """));

        assertThat(s).hasToString("app=web,tier in (edge,frontend),env notin (prod),replicas,!canary");
        assertThat(s.matches(WEB)).isTrue();
        assertThat(s.matches(DB)).isFalse();
        Map<String, String> canary = new HashMap<>(WEB);
        canary.put("canary", "true");
        assertThat(s.matches(canary)).isFalse();
        Map<String, String> prod = new HashMap<>(WEB);
        prod.put("env", "prod");
        assertThat(s.matches(prod)).isFalse();
    }

    @Test
    void fromObjectRejectsAnUnknownOperator() throws JsonProcessingException {
        JsonNode selector = json("{\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"Equals\", \"values\": [\"b\"]}]}");

        ApiException e = catchThrowableOfType(ApiException.class, () -> LabelSelector.fromObject(selector));

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("\"Equals\" is not a valid label selector operator");
    }

    @Test
    void parsedSelectorsAgreeWithADirectEvaluationOnRandomLabelSets() {
        Random random = new Random(42);
        List<String> keys = List.of("a", "b", "c");
        List<String> values = List.of("x", "y", "z");
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> labels = new HashMap<>();
            for (String k : keys) {
                if (random.nextBoolean()) {
                    labels.put(k, values.get(random.nextInt(values.size())));
                }
            }
            String key = keys.get(random.nextInt(keys.size()));
            String v1 = values.get(random.nextInt(values.size()));
            String v2 = values.get(random.nextInt(values.size()));
            String actual = labels.get(key);
            List<String> set = new ArrayList<>(List.of(v1, v2));

            assertThat(matches(key + "=" + v1, labels)).isEqualTo(v1.equals(actual));
            assertThat(matches(key + "!=" + v1, labels)).isEqualTo(!v1.equals(actual));
            assertThat(matches(key + " in (" + v1 + "," + v2 + ")", labels)).isEqualTo(set.contains(actual));
            assertThat(matches(key + " notin (" + v1 + "," + v2 + ")", labels)).isEqualTo(!set.contains(actual));
            assertThat(matches(key, labels)).isEqualTo(actual != null);
            assertThat(matches("!" + key, labels)).isEqualTo(actual == null);
        }
    }
}
