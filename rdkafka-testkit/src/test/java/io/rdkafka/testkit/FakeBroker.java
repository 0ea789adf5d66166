package io.rdkafka.testkit;

/**
 * Stands in for a leftover broker: a process whose command line names {@code kafka.Kafka} (passed as an
 * argument) and that runs until killed, or for a minute at most.
 */
public final class FakeBroker {
  private FakeBroker() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(60_000);
  }
}
