package io.rdkafka.ffm;

/**
 * Run in a child JVM by {@link LibraryLoadingTest} (the loader caches its outcome per JVM): loads
 * librdkafka as configured by system property / environment and prints what happened.
 */
public final class LoadLibraryMain {
    private LoadLibraryMain() {
    }

    public static void main(String[] args) {
        System.out.println("available=" + RdKafkaLibrary.isAvailable());
        try {
            RdKafkaLibrary.ensureLoaded();
            System.out.println("loaded " + RdKafkaLibrary.versionString() + " from " + RdKafkaLibrary.path());
        } catch (RdKafkaLibrary.LibraryLoadException e) {
            System.out.println("LibraryLoadException: " + e.getMessage());
        }
        // a generated function fails with the same clear message, not with an initialisation error
        try {
            RdKafka.rd_kafka_version();
            System.out.println("rd_kafka_version ok");
        } catch (RuntimeException e) {
            System.out.println("call failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        System.out.println("version string " + RdKafkaLibrary.versionString());
    }
}
