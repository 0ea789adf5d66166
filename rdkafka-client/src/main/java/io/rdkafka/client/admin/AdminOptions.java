package io.rdkafka.client.admin;

import java.time.Duration;

/**
 * Options of one admin operation; {@link #DEFAULTS} leaves every one to librdkafka
 * ({@code rd_kafka_AdminOptions_t}). Options an operation does not use are ignored, except {@code validateOnly}.
 *
 * @param requestTimeout              how long librdkafka waits for the whole operation (finding the broker, sending,
 *                                    the broker's work, the answer); {@code null} for {@code socket.timeout.ms}
 *                                    (60 s). All operations.
 * @param operationTimeout            how long the broker waits for the change to propagate before answering
 *                                    (createTopics, deleteTopics, createPartitions, deleteRecords, electLeaders);
 *                                    {@code null} for 60 s
 * @param validateOnly                the broker checks the request and changes nothing (createTopics,
 *                                    createPartitions, alterConfigs, incrementalAlterConfigs). Refused with
 *                                    {@link IllegalArgumentException} by every other operation, so that a dry run
 *                                    never acts.
 * @param requireStableOffsets        listConsumerGroupOffsets waits for pending transactional commits
 * @param includeAuthorizedOperations describeTopics, describeCluster and describeConsumerGroups report what the
 *                                    caller may do (librdkafka 2.3.0+)
 * @param isolationLevel              which end of the log listOffsets reports for {@link OffsetSpec#latest()};
 *                                    {@code null} for read_uncommitted
 */
public record AdminOptions(Duration requestTimeout, Duration operationTimeout, boolean validateOnly,
                           boolean requireStableOffsets, boolean includeAuthorizedOperations,
                           IsolationLevel isolationLevel) {
    public static final AdminOptions DEFAULTS = new AdminOptions(null, null, false, false, false, null);

    /**
     * Checks the timeouts.
     *
     * @throws IllegalArgumentException for a negative timeout
     */
    public AdminOptions {
        if (requestTimeout != null && requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must not be negative");
        }
        if (operationTimeout != null && operationTimeout.isNegative()) {
            throw new IllegalArgumentException("operationTimeout must not be negative");
        }
    }

    /** {@return {@link #DEFAULTS}} */
    public static AdminOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return these options with this request timeout}
     *
     * @param timeout the request timeout, or {@code null} for the default
     */
    public AdminOptions withRequestTimeout(Duration timeout) {
        return new AdminOptions(timeout, operationTimeout, validateOnly, requireStableOffsets,
                includeAuthorizedOperations, isolationLevel);
    }

    /**
     * {@return these options with this operation timeout}
     *
     * @param timeout the operation timeout, or {@code null} for the default
     */
    public AdminOptions withOperationTimeout(Duration timeout) {
        return new AdminOptions(requestTimeout, timeout, validateOnly, requireStableOffsets,
                includeAuthorizedOperations, isolationLevel);
    }

    /**
     * {@return these options with {@code validateOnly} set}
     *
     * @param on whether the broker only checks the request
     */
    public AdminOptions withValidateOnly(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, on, requireStableOffsets,
                includeAuthorizedOperations, isolationLevel);
    }

    /**
     * {@return these options with {@code requireStableOffsets} set}
     *
     * @param on whether to wait for pending transactional commits
     */
    public AdminOptions withRequireStableOffsets(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, on, includeAuthorizedOperations,
                isolationLevel);
    }

    /**
     * {@return these options with {@code includeAuthorizedOperations} set}
     *
     * @param on whether to report the caller's authorized operations
     */
    public AdminOptions withIncludeAuthorizedOperations(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, requireStableOffsets, on,
                isolationLevel);
    }

    /**
     * {@return these options with this isolation level}
     *
     * @param level the isolation level
     */
    public AdminOptions withIsolationLevel(IsolationLevel level) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, requireStableOffsets,
                includeAuthorizedOperations, level);
    }
}
