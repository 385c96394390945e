package dev.s3batch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * One outbox row that Kafka refuses forever (here: larger than the producer's 1 MB request limit) used to fail every
 * relay round, so no later event was ever published. Now it is retried, set aside, and the rest flow on.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class OutboxRelayTest {
    @Inject
    Pool pool;
    @Inject
    dev.s3batch.api.messaging.OutboxRelay relay;
    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Test
    void aRowKafkaRefusesIsSetAsideAndLaterEventsFlow() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO outbox (topic, msg_key, payload) VALUES ('s3batch.jobs.v1', $1, repeat('x', 2 * 1024 * 1024))")
                .execute(Tuple.of(poisonKey)).await().atMost(Duration.ofSeconds(10));
        String jobId;
        RestAssured.filters(new OssV1Signing());
        try {
            jobId = OssJobApiTest.create(OssJobApiTest.job(OssJobApiTest.newToken())).statusCode(200).extract().path("CreateJobResult.JobId");
        } finally {
            RestAssured.reset();
        }
        assertTrue(published("s3batch.jobs.v1", jobId, Duration.ofSeconds(30)), "the JobCreated event after the refused row was published");
        Row poison = null;
        for (int i = 0; i < 100; i++) {
            poison = pool.preparedQuery("SELECT attempts, blocked, last_error FROM outbox WHERE msg_key = $1").execute(Tuple.of(poisonKey))
                    .await().atMost(Duration.ofSeconds(10)).iterator().next();
            if (poison.getBoolean("blocked")) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(poison.getBoolean("blocked"), "the refused row is set aside");
        assertEquals(2, poison.getInteger("attempts"));
        assertTrue(poison.getString("last_error").contains("RecordTooLarge"), poison.getString("last_error"));
        // and visible in a metric (refreshed every poll interval; here at once)
        relay.countRows().await().atMost(Duration.ofSeconds(10));
        assertTrue(metrics.get("s3batch.outbox.blocked").gauge().value() >= 1, "s3batch.outbox.blocked");
    }

    static boolean published(String topic, String key, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
