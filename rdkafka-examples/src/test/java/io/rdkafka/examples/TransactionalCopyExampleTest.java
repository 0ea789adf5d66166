package io.rdkafka.examples;

import io.rdkafka.client.mock.MockCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;

import static io.rdkafka.ffm.RdKafka.RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED;
import static org.junit.jupiter.api.Assertions.*;

/** The abort path of {@link TransactionalCopyExample}, with an error injected by librdkafka's mock cluster. */
class TransactionalCopyExampleTest {

    @Test
    void anAbortedTransactionIsRetriedFromTheSameInput() {
        try (MockCluster mock = MockCluster.start(1)) {
            mock.createTopic("in", 1, 1);
            mock.createTopic("out", 1, 1);
            assertEquals(40, ProducerExample.produce(ProducerExample.config(mock.bootstrapServers()).build(), "in", 40)
                    .delivered());
            // The first AddOffsetsToTxn fails with an error that makes librdkafka require an abort.
            mock.pushRequestErrors(MockCluster.ApiKey.ADD_OFFSETS_TO_TXN, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED);
            try (TransactionalCopyExample copy = new TransactionalCopyExample(mock.bootstrapServers(), "in", "out",
                    "copy", "copy-1", v -> v.toUpperCase(Locale.ROOT))) {
                TransactionalCopyExample.Result r = copy.run(40, Duration.ofSeconds(20));
                assertEquals(1, r.aborted(), r.toString());
                assertEquals(40, r.copied(), "the aborted batch was read and copied again");
                assertTrue(r.committed() >= 1);
            }
        }
    }
}
