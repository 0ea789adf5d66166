/**
 * Small runnable programs showing how to use rdkafka-client: {@link io.rdkafka.examples.ProducerExample},
 * {@link io.rdkafka.examples.ConsumerExample}, {@link io.rdkafka.examples.TransactionalCopyExample} and
 * {@link io.rdkafka.examples.AdminExample}. Each takes the bootstrap servers and topic names as arguments, and
 * each has a bounded entry point that the module's integration test runs against a real broker.
 * {@link io.rdkafka.examples.LargeOrderForwarder} is application code taking a {@link io.rdkafka.client.Consumer}
 * and a {@link io.rdkafka.client.Producer}, unit-tested with the client's test doubles
 * ({@link io.rdkafka.client.mock.MockConsumer}, {@link io.rdkafka.client.mock.MockProducer}).
 */
package io.rdkafka.examples;
