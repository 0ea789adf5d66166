/**
 * Test support. {@link io.rdkafka.client.mock.MockProducer} and {@link io.rdkafka.client.mock.MockConsumer} are
 * in-memory doubles of {@link io.rdkafka.client.Producer} and {@link io.rdkafka.client.Consumer} for unit tests of
 * application code: no librdkafka, no broker, every completion, rebalance and error when the test says.
 * {@link io.rdkafka.client.mock.MockCluster} is librdkafka's in-process mock cluster, for tests of the real clients.
 */
package io.rdkafka.client.mock;
