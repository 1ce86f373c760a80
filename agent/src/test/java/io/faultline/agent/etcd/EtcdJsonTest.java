package io.faultline.agent.etcd;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdJsonTest {

    @Test
    void keysArePrefixedAndANilKeyIsTheDefaultKey() {
        assertThat(EtcdJson.key("x")).isEqualTo("/faultline/x");
        assertThat(EtcdJson.key(3L)).isEqualTo("/faultline/3");
        assertThat(EtcdJson.key(3)).isEqualTo(EtcdJson.key(3L));
        assertThat(EtcdJson.key(null)).isEqualTo("/faultline/faultline");
    }

    @Test
    void bytesAreStandardBase64WithPadding() {
        // "/faultline/x?" encodes to a '/' in standard base64, where URL-safe base64 would put '_'.
        assertThat(EtcdJson.base64("/faultline/x?")).isEqualTo("L2ZhdWx0bGluZS94Pw==");
        assertThat(EtcdJson.fromBase64("L2ZhdWx0bGluZS94Pw==")).isEqualTo("/faultline/x?");
    }

    @Test
    void aRangeAsksForOneKeyAndSaysHowToRead() {
        assertThat(EtcdJson.range("/faultline/x", true))
                .isEqualTo(new JsonObject().put("key", "L2ZhdWx0bGluZS94").put("serializable", true));
        assertThat(EtcdJson.range("/faultline/x", false).getBoolean("serializable")).isFalse();
    }

    @Test
    void aPutCarriesTheValueAsDecimalText() {
        JsonObject put = EtcdJson.put("/faultline/x", -12L);

        assertThat(EtcdJson.fromBase64(put.getString("key"))).isEqualTo("/faultline/x");
        assertThat(EtcdJson.fromBase64(put.getString("value"))).isEqualTo("-12");
    }

    @Test
    void aCompareAndSetComparesTheValueAndPutsOnSuccessOnly() {
        JsonObject txn = EtcdJson.compareAndSet("/faultline/x", 1L, 2L);

        JsonObject compare = txn.getJsonArray("compare").getJsonObject(0);
        assertThat(compare.getString("target")).isEqualTo("VALUE");
        assertThat(compare.getString("result")).isEqualTo("EQUAL");
        assertThat(EtcdJson.fromBase64(compare.getString("key"))).isEqualTo("/faultline/x");
        assertThat(EtcdJson.fromBase64(compare.getString("value"))).isEqualTo("1");
        assertThat(txn.getJsonArray("success")).containsExactly(
                new JsonObject().put("requestPut", EtcdJson.put("/faultline/x", 2L)));
        assertThat(txn.containsKey("failure")).isFalse();
    }

    @Test
    void aRangeAnswerWithoutKvsIsNil() {
        JsonObject header = new JsonObject().put("header", new JsonObject().put("revision", "1"));

        assertThat(EtcdJson.registerValue(header)).isNull();
        assertThat(EtcdJson.registerValue(header.copy().put("kvs", new JsonArray()))).isNull();
    }

    @Test
    void aRangeAnswerGivesTheValueAsALong() {
        JsonObject answer = new JsonObject()
                .put("kvs", new JsonArray().add(new JsonObject().put("key", "L2ZhdWx0bGluZS94").put("value", "NDI=")))
                .put("count", "1");

        assertThat(EtcdJson.registerValue(answer)).isEqualTo(42L);
    }

    @Test
    void aValueThatIsNoDecimalIntegerIsAnError() {
        JsonObject empty = new JsonObject().put("kvs", new JsonArray().add(new JsonObject().put("key", "L2ZhdWx0bGluZS94")));

        assertThatThrownBy(() -> EtcdJson.registerValue(empty))
                .isInstanceOf(EtcdException.class)
                .hasMessage("key /faultline/x holds '', not a decimal integer");
    }

    @Test
    void aTxnSucceededOnlyWhenItSaysSo() {
        assertThat(EtcdJson.succeeded(new JsonObject().put("succeeded", true))).isTrue();
        assertThat(EtcdJson.succeeded(new JsonObject().put("succeeded", false))).isFalse();
        // The gateway leaves false out.
        assertThat(EtcdJson.succeeded(new JsonObject().put("header", new JsonObject()))).isFalse();
    }

    @Test
    void aSuccessfulAnswerIsItsBody() {
        assertThat(EtcdJson.answer(200, "{\"succeeded\":true}")).isEqualTo(new JsonObject().put("succeeded", true));
    }

    @Test
    void aGrpcErrorBodyIsAnErrorWhateverTheStatus() {
        String body = "{\"error\":\"etcdserver: request timed out\",\"message\":\"etcdserver: request timed out\",\"code\":14}";

        for (int status : List.of(200, 400, 503)) {
            assertThatThrownBy(() -> EtcdJson.answer(status, body))
                    .isInstanceOf(EtcdException.class).hasMessage("etcdserver: request timed out");
        }
        assertThatThrownBy(() -> EtcdJson.answer(503, "{\"message\":\"unavailable\",\"code\":14}"))
                .hasMessage("unavailable");
    }

    @Test
    void aBadStatusWithoutErrorBodyNamesTheStatusAndTheBody() {
        assertThatThrownBy(() -> EtcdJson.answer(404, "404 page not found\n")).hasMessage("http 404: 404 page not found");
        assertThatThrownBy(() -> EtcdJson.answer(500, "")).hasMessage("http 500");
        assertThatThrownBy(() -> EtcdJson.answer(500, "x".repeat(300))).hasMessage("http 500: " + "x".repeat(200) + "...");
    }

    @Test
    void aSuccessThatIsNoJsonObjectIsAnError() {
        assertThatThrownBy(() -> EtcdJson.answer(200, "[1, 2]")).hasMessageStartingWith("unreadable answer");
        assertThatThrownBy(() -> EtcdJson.answer(200, "")).hasMessageStartingWith("unreadable answer");
    }

    @Test
    void base64ThatIsNotIsAnError() {
        assertThatThrownBy(() -> EtcdJson.fromBase64("!!!")).isInstanceOf(EtcdException.class);
    }
}
