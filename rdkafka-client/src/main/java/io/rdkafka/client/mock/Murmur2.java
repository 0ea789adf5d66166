package io.rdkafka.client.mock;

/**
 * The 32-bit murmur2 hash Apache Kafka's {@code KafkaProducer} (and librdkafka's {@code murmur2} partitioners)
 * place keyed records with: partition = {@code (hash(key) & 0x7fffffff) % partitionCount}.
 */
final class Murmur2 {
    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {
    }

    @SuppressWarnings("fallthrough") // the tail bytes, as in the reference implementation
    static int hash(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16
                    | (data[at + 3] & 0xff) << 24;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        int tail = length & ~3;
        switch (length % 4) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                h ^= data[tail] & 0xff;
                h *= M;
            default:
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }
}
