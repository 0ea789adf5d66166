package io.rdkafka.client.admin;

/**
 * A broker.
 *
 * @param id   the broker id
 * @param host its host
 * @param port its port
 * @param rack its rack, {@code null} when unknown or the library does not report it
 */
public record Node(int id, String host, int port, String rack) {
    @Override
    public String toString() {
        return id + "@" + host + ":" + port + (rack == null ? "" : " (rack " + rack + ")");
    }
}
