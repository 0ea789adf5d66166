package io.rdkafka.stats;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.rdkafka.stats.Json.num;
import static io.rdkafka.stats.Json.obj;
import static io.rdkafka.stats.Json.str;

/**
 * One topic a client knows ("topics" in STATISTICS.md) and its partitions.
 *
 * @param topic       the topic name
 * @param age         milliseconds since the client created its topic object (gauge); -1 when absent
 * @param metadataAge milliseconds since the topic's metadata was received (gauge)
 * @param batchSize   produced batch sizes, bytes
 * @param batchCnt    produced batch message counts
 * @param partitions  the partitions by id, including librdkafka's internal unassigned partition {@code -1}
 */
public record TopicStats(String topic, long age, long metadataAge, WindowStats batchSize, WindowStats batchCnt,
                         Map<Integer, PartitionStats> partitions) {

    /**
     * Copies the partitions.
     */
    public TopicStats {
        partitions = partitions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
        batchSize = batchSize == null ? WindowStats.ABSENT : batchSize;
        batchCnt = batchCnt == null ? WindowStats.ABSENT : batchCnt;
    }

    /**
     * The partition with this id.
     *
     * @param id the partition id
     * @return the partition, or {@code null}
     */
    public PartitionStats partition(int id) {
        return partitions.get(id);
    }

    static TopicStats of(String key, JsonNode n) {
        String name = str(n, "topic");
        String topic = name.isEmpty() ? key : name;
        Map<Integer, PartitionStats> partitions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : obj(n, "partitions").properties()) {
            if (!e.getValue().isObject()) continue;
            PartitionStats p = PartitionStats.of(topic, e.getKey(), e.getValue());
            partitions.put(p.partition(), p);
        }
        return new TopicStats(topic, num(n, "age"), num(n, "metadata_age"), WindowStats.of(n.get("batchsize")),
                WindowStats.of(n.get("batchcnt")), partitions);
    }
}
