package io.rdkafka.client.admin;

import java.time.Duration;

/**
 * Options of one admin operation; {@link #DEFAULTS} leaves every one to librdkafka.
 *
 * <ul>
 *   <li>{@code requestTimeout}: how long librdkafka waits for the whole operation (finding the broker,
 *       sending, the broker's work, the answer); default {@code socket.timeout.ms} (60 s). All operations.</li>
 *   <li>{@code operationTimeout}: how long the broker waits for the change to propagate before answering
 *       (createTopics, deleteTopics, createPartitions, deleteRecords, electLeaders); default 60 s.</li>
 *   <li>{@code validateOnly}: the broker checks the request and changes nothing (createTopics,
 *       createPartitions, alterConfigs, incrementalAlterConfigs). Refused with
 *       {@link IllegalArgumentException} by every other operation, so that a dry run never acts.</li>
 *   <li>{@code requireStableOffsets}: listConsumerGroupOffsets waits for pending transactional commits.</li>
 *   <li>{@code includeAuthorizedOperations}: describeTopics, describeCluster and describeConsumerGroups
 *       report what the caller may do (librdkafka 2.3.0+).</li>
 *   <li>{@code isolationLevel}: which end of the log listOffsets reports for {@link OffsetSpec#latest()}.</li>
 * </ul>
 * Options an operation does not use are ignored, except {@code validateOnly}.
 */
public record AdminOptions(Duration requestTimeout, Duration operationTimeout, boolean validateOnly,
                           boolean requireStableOffsets, boolean includeAuthorizedOperations,
                           IsolationLevel isolationLevel) {
    public static final AdminOptions DEFAULTS = new AdminOptions(null, null, false, false, false, null);

    public AdminOptions {
        if (requestTimeout != null && requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must not be negative");
        }
        if (operationTimeout != null && operationTimeout.isNegative()) {
            throw new IllegalArgumentException("operationTimeout must not be negative");
        }
    }

    public static AdminOptions defaults() {
        return DEFAULTS;
    }

    public AdminOptions withRequestTimeout(Duration timeout) {
        return new AdminOptions(timeout, operationTimeout, validateOnly, requireStableOffsets,
                includeAuthorizedOperations, isolationLevel);
    }

    public AdminOptions withOperationTimeout(Duration timeout) {
        return new AdminOptions(requestTimeout, timeout, validateOnly, requireStableOffsets,
                includeAuthorizedOperations, isolationLevel);
    }

    public AdminOptions withValidateOnly(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, on, requireStableOffsets,
                includeAuthorizedOperations, isolationLevel);
    }

    public AdminOptions withRequireStableOffsets(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, on, includeAuthorizedOperations,
                isolationLevel);
    }

    public AdminOptions withIncludeAuthorizedOperations(boolean on) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, requireStableOffsets, on,
                isolationLevel);
    }

    public AdminOptions withIsolationLevel(IsolationLevel level) {
        return new AdminOptions(requestTimeout, operationTimeout, validateOnly, requireStableOffsets,
                includeAuthorizedOperations, level);
    }
}
