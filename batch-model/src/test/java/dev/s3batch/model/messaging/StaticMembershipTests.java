package dev.s3batch.model.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticMembershipTests {
    @Test
    void consumersOfANamedInstanceAreStaticMembersWithAValidId() {
        Map<String, Object> consumer = new HashMap<>(Map.of("group.id", "task-workers", "client.id", "kafka-consumer-tasks-high$1"));
        new StaticMembership(Optional.of("task-worker-service")).customize("tasks-high", null, consumer);
        assertEquals("task-worker-service-kafka-consumer-tasks-high_1", consumer.get("group.instance.id"));
    }

    @Test
    void producersAndUnnamedInstancesAreLeftAlone() {
        Map<String, Object> producer = new HashMap<>(Map.of("client.id", "kafka-producer-outbox"));
        new StaticMembership(Optional.of("job-api-service")).customize("outbox", null, producer);
        assertFalse(producer.containsKey("group.instance.id"));
        Map<String, Object> consumer = new HashMap<>(Map.of("group.id", "g", "client.id", "c"));
        new StaticMembership(Optional.of(" ")).customize("c", null, consumer);
        assertFalse(consumer.containsKey("group.instance.id"));
    }
}
