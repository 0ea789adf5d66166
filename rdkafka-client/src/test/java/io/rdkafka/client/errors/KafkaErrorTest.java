package io.rdkafka.client.errors;

import io.rdkafka.ffm.CStrings;
import io.rdkafka.ffm.RdKafka;
import io.rdkafka.ffm.RdKafkaEnums;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KafkaError's names without the library: the headers' table answers as rd_kafka_err2name does. */
class KafkaErrorTest {
    @Test
    void theTableNamesEveryCodeAsLibrdkafkaDoes() {
        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (int code : RdKafkaEnums.ALL.get("rd_kafka_resp_err_t").keySet()) {
            String loaded = CStrings.toJava(RdKafka.rd_kafka_err2name(code));
            if (loaded == null || loaded.startsWith("ERR_")) continue; // a range marker, or newer than this library
            compared++;
            if (!loaded.equals(KafkaError.tableName(code))) differ.add(code + ": " + loaded + " / " + KafkaError.tableName(code));
        }
        assertTrue(compared > 100, "compared " + compared + " codes");
        assertEquals(List.of(), differ);
        assertEquals("ERR_123456", KafkaError.tableName(123456));
    }
}
