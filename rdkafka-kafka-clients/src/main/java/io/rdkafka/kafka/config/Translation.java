package io.rdkafka.kafka.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of translating a kafka-clients configuration: librdkafka's properties, the settings the Java layer
 * applies itself, the notes about accepted properties without effect, and the temporary files written for SSL
 * material (deleted by {@link #deleteFiles()} when the client closes).
 */
public final class Translation {
    private final Map<String, String> librdkafka = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private Duration maxBlock = Duration.ofMillis(60_000);
    private Duration defaultApiTimeout = Duration.ofMillis(60_000);
    private Duration requestTimeout = Duration.ofMillis(30_000);
    private int maxPollRecords = 500;

    Translation() {
    }

    void put(String name, String value) {
        librdkafka.put(Objects.requireNonNull(name), Objects.requireNonNull(value, name));
    }

    void putIfAbsent(String name, String value) {
        librdkafka.putIfAbsent(name, value);
    }

    boolean has(String name) {
        return librdkafka.containsKey(name);
    }

    void note(String property, String why) {
        notes.add(property + ": " + why);
    }

    void file(Path p) {
        files.add(p);
    }

    void maxBlock(Duration d) {
        maxBlock = d;
    }

    void defaultApiTimeout(Duration d) {
        defaultApiTimeout = d;
    }

    void requestTimeout(Duration d) {
        requestTimeout = d;
    }

    void maxPollRecords(int n) {
        maxPollRecords = n;
    }

    /** {@return librdkafka's properties by name, in the order set (secrets included: never log this map)} */
    public Map<String, String> librdkafka() {
        return Collections.unmodifiableMap(librdkafka);
    }

    /** {@return one line per accepted kafka-clients property that has no effect here, and why} */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** {@return {@code max.block.ms}: how long send waits for room and blocking producer calls wait at most} */
    public Duration maxBlock() {
        return maxBlock;
    }

    /** {@return {@code default.api.timeout.ms}: the bound of consumer and admin calls without a timeout} */
    public Duration defaultApiTimeout() {
        return defaultApiTimeout;
    }

    /** {@return {@code request.timeout.ms}: the bound of one request to a broker} */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** {@return {@code max.poll.records}: the most records one poll returns} */
    public int maxPollRecords() {
        return maxPollRecords;
    }

    /** Deletes the temporary files written for SSL material; idempotent. */
    public void deleteFiles() {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (java.io.IOException ignored) {
                // deleteOnExit was requested when the file was written
            }
        }
    }
}
