package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.S3Tag;

/**
 * One trace per job across the Kafka hops, on the real stack: a CreateJob carrying a W3C {@code traceparent} (not
 * sampled, so nothing is exported) — every Kafka record of that job then carries the same trace id in its
 * {@code traceparent} header: {@code JobCreated} (sent from the outbox), each task batch (published by the planner's
 * loop), each batch's outcome (from the worker) and each status event (from the outbox again).
 */
class TracingIT {
    static final List<String> TOPICS = List.of("s3batch.jobs.v1", "s3batch.tasks.high.v1", "s3batch.tasks.normal.v1", "s3batch.tasks.low.v1",
            "s3batch.outcomes.v1", "s3batch.job-status.v1");

    @Test
    void everyKafkaRecordOfAJobCarriesTheTraceOfTheRequestThatCreatedIt() throws Exception {
        RunningServices services = RunningServices.get();
        services.s3.bucket("it-reports");
        String bucket = services.bucketWithObjects("it-trace-", 600);
        String etag = services.s3.putManifest(bucket, "m.csv", java.util.stream.IntStream.range(0, 600).mapToObj(i -> "o" + i).toList());
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-00";
        String jobId;
        try (AwsControl aws = AwsControl.of(services)) {
            jobId = aws.client.createJob(b -> b.overrideConfiguration(o -> o.putHeader("traceparent", traceparent))
                    .accountId(aws.account).clientRequestToken("trace-" + UUID.randomUUID()).confirmationRequired(false)
                    .operation(o -> o.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("traced").value("yes").build())))
                    .report(r -> r.bucket("arn:aws:s3:::it-reports").format(JobReportFormat.REPORT_CSV_20180820).enabled(true)
                            .prefix("trace").reportScope(JobReportScope.ALL_TASKS))
                    .manifest(m -> m.spec(s -> s.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820)
                                    .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY))
                            .location(l -> l.objectArn("arn:aws:s3:::" + bucket + "/m.csv").eTag(etag)))
                    .priority(10).roleArn("arn:aws:iam::123456789012:role/batch-role")).jobId();
            assertEquals("Complete", aws.awaitTerminal(jobId, Duration.ofMinutes(3)).statusAsString());
        }

        Map<String, List<String>> byTopic = records(services.stack.kafkaBootstrapServers(), jobId, Duration.ofSeconds(30));
        assertEquals(1, byTopic.get("s3batch.jobs.v1").size(), "one JobCreated: " + byTopic);
        long batches = byTopic.entrySet().stream().filter(e -> e.getKey().startsWith("s3batch.tasks.")).mapToLong(e -> e.getValue().size()).sum();
        assertTrue(batches >= 3, "600 tasks in batches of 250: " + byTopic);
        assertTrue(byTopic.get("s3batch.outcomes.v1").size() >= 3, byTopic.toString());
        assertTrue(byTopic.get("s3batch.job-status.v1").size() >= 3, "New→Preparing→…→Complete: " + byTopic);
        for (var e : byTopic.entrySet()) {
            for (String header : e.getValue()) {
                assertTrue(header != null && header.startsWith("00-" + traceId + "-"), e.getKey() + " record in another trace: " + header);
            }
        }
    }

    /** The {@code traceparent} header of each record about {@code jobId}, by topic, read from the beginning. */
    static Map<String, List<String>> records(String bootstrap, String jobId, Duration quiet) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        Map<String, List<String>> byTopic = new HashMap<>();
        TOPICS.forEach(t -> byTopic.put(t, new ArrayList<>()));
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : TOPICS) {
                c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + quiet.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(r.key()) || (r.value() != null && r.value().contains(jobId))) {
                        Header h = r.headers().lastHeader("traceparent");
                        byTopic.get(r.topic()).add(h == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return byTopic;
    }
}
