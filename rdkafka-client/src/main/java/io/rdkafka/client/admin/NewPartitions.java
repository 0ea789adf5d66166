package io.rdkafka.client.admin;

import java.util.List;

/**
 * For {@link Admin#createPartitions}: the topic's new total partition count, and optionally the replicas of
 * each new partition.
 *
 * @param totalCount     the partition count after the change
 * @param newAssignments the broker ids of each new partition's replicas, in order; empty to let the controller
 *                       place them
 */
public record NewPartitions(int totalCount, List<List<Integer>> newAssignments) {
    /**
     * Checks the count and copies the assignments.
     *
     * @throws IllegalArgumentException for a count below 1
     */
    public NewPartitions {
        if (totalCount < 1) throw new IllegalArgumentException("totalCount must be >= 1, got " + totalCount);
        newAssignments = newAssignments == null ? List.of() : newAssignments.stream().map(List::copyOf).toList();
    }

    /**
     * Grow the topic to {@code totalCount} partitions, replicas placed by the controller.
     *
     * @param totalCount the partition count after the change
     * @return the change
     */
    public static NewPartitions increaseTo(int totalCount) {
        return new NewPartitions(totalCount, List.of());
    }

    /**
     * Grow the topic to {@code totalCount} partitions with the given replicas for the new ones.
     *
     * @param totalCount  the partition count after the change
     * @param newAssignments the broker ids of each new partition's replicas, the first the preferred leader
     * @return the change
     */
    public static NewPartitions increaseTo(int totalCount, List<List<Integer>> newAssignments) {
        return new NewPartitions(totalCount, newAssignments);
    }
}
