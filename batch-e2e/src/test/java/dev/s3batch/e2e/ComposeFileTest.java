package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.s3batch.model.event.Topics;
import dev.s3batch.model.job.PriorityTier;
import dev.s3batch.model.role.RolesConfig;
import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml cannot run here (no Docker): it parses, every file it names exists (build contexts, Dockerfiles,
 * mounted configuration), it creates exactly the topics the services use, and the configuration it mounts holds an
 * account with a key and a role of that account — so authentication, on by default, lets its documented key in.
 */
class ComposeFileTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void theComposeFileNamesOnlyWhatExistsCreatesTheTopicsAndConfiguresAnAccount() throws Exception {
        Path deploy = ROOT.resolve("deploy");
        JsonNode compose = new YAMLMapper().readTree(deploy.resolve("compose.yaml").toFile());
        JsonNode services = compose.path("services");
        Set<String> named = new TreeSet<>();
        services.fieldNames().forEachRemaining(named::add);
        assertEquals(Set.of("kafka", "kafka-topics", "postgres", "minio", "job-api-service", "manifest-planner-service",
                "task-worker-service", "report-service"), named);

        String topicsCommand = services.path("kafka-topics").path("command").get(0).asText();
        Matcher m = Pattern.compile("(s3batch\\.[a-z.-]+v1):\\d+").matcher(topicsCommand);
        Set<String> created = new TreeSet<>();
        while (m.find()) {
            created.add(m.group(1));
        }
        Set<String> used = new TreeSet<>(Set.of(Topics.JOBS, Topics.OUTCOMES, Topics.JOB_STATUS));
        Arrays.stream(PriorityTier.values()).map(Topics::tasks).forEach(used::add);
        assertEquals(used, created, "the topics the services use, created before they start");

        for (String service : Set.of("job-api-service", "manifest-planner-service", "task-worker-service", "report-service")) {
            JsonNode s = merged(compose, services.path(service));
            Path context = deploy.resolve(s.path("build").path("context").asText()).normalize();
            assertTrue(Files.isRegularFile(context.resolve(s.path("build").path("dockerfile").asText())), service + " Dockerfile");
            assertEquals("ghcr.io/s3batch/" + service + ":0.1.0", s.path("image").asText());
            String config = s.path("environment").path("QUARKUS_CONFIG_LOCATIONS").asText();
            boolean mounted = false;
            for (JsonNode volume : s.path("volumes")) {
                String[] parts = volume.asText().split(":");
                assertTrue(Files.exists(deploy.resolve(parts[0]).normalize()), service + " mounts " + parts[0]);
                mounted |= parts[1].equals(config);
            }
            assertTrue(mounted, service + " reads " + config + ", which is mounted");
            assertTrue(s.path("read_only").asBoolean(), service + " runs on a read-only root file system");
        }

        Properties p = new Properties();
        try (FileReader in = new FileReader(deploy.resolve("compose/s3batch.properties").toFile())) {
            p.load(in);
        }
        String key = p.stringPropertyNames().stream().filter(n -> n.startsWith("s3batch.api.accounts.local.access-keys.")).findFirst().orElseThrow();
        assertFalse(p.getProperty(key).isBlank());
        Map<String, String> all = new HashMap<>();
        p.stringPropertyNames().forEach(n -> all.put(n, p.getProperty(n)));
        var roles = RolesConfig.read(new io.smallrye.config.SmallRyeConfigBuilder()
                .withSources(new io.smallrye.config.PropertiesConfigSource(all, "compose", 100)).build());
        assertEquals("local", roles.byArn("arn:aws:iam::123456789012:role/batch-role").orElseThrow().account());
    }

    /**
     * A service with the YAML merge key ({@code <<: *service}) applied, as Compose applies it. Jackson gives an alias as
     * its anchor's name; the file's convention is that anchor {@code &name} marks the top-level key {@code x-name}.
     */
    static JsonNode merged(JsonNode compose, JsonNode service) {
        ObjectNode out = ((ObjectNode) service).deepCopy();
        JsonNode alias = out.remove("<<");
        JsonNode base = alias == null ? null : compose.path("x-" + alias.asText());
        assertTrue(base == null || base.isObject(), "the merge key names an anchor: " + alias);
        if (base != null) {
            base.fields().forEachRemaining(e -> {
                if (!out.has(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            });
        }
        return out;
    }
}
