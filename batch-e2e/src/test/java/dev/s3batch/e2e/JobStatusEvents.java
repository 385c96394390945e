package dev.s3batch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the job-status CloudEvents a subscriber would see, from the beginning of the topic. */
final class JobStatusEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String STATUS_CHANGED = "dev.s3batch.job.status-changed.v1";
    static final String PROGRESS = "dev.s3batch.job.progress.v1";

    /** The status-change CloudEvents about {@code jobId}, in topic order (one job's events share a partition). */
    static List<JsonNode> of(String bootstrap, String jobId, int expected, Duration timeout) throws Exception {
        return of(bootstrap, jobId, STATUS_CHANGED, expected, timeout);
    }

    /** The CloudEvents of {@code type} about {@code jobId}, in topic order; at most {@code expected}, waiting up to {@code timeout}. */
    static List<JsonNode> of(String bootstrap, String jobId, String type, int expected, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor("s3batch.job-status.v1").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (events.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    JsonNode event = jobId.equals(r.key()) ? JSON.readTree(r.value()) : null;
                    if (event != null && type.equals(event.path("type").asText()) && events.size() < expected) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    static List<String> transitions(List<JsonNode> events) {
        return events.stream().map(e -> e.path("data").path("from").asText() + "->" + e.path("data").path("to").asText()).toList();
    }

    private JobStatusEvents() {
    }

}
