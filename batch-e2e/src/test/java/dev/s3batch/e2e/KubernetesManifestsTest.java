package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every manifest of k8s/ checked offline against the schemas of the cluster it is for — Kubernetes', KEDA's and
 * Strimzi's — failing on an unknown field, as {@code kubectl apply --validate=strict} would ({@code k8s/check}: the
 * npm models of Kubernetes and KEDA, and Strimzi's CRDs generated here from Strimzi's own API model); a copy broken in
 * each kind of resource fails with each break named.
 */
class KubernetesManifestsTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path CHECK = K8S.resolve("check");
    static final Path WORK = ROOT.resolve("batch-e2e/target/k8s-check");
    static final YAMLMapper YAML = new YAMLMapper();

    @BeforeAll
    static void schemas() throws Exception {
        // the check's npm packages, as package-lock.json pins them (again when the lock changed since)
        Path installed = CHECK.resolve("node_modules/.package-lock.json");
        if (!Files.exists(installed)
                || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(CHECK.resolve("package-lock.json"))) < 0) {
            Result npm = run(CHECK, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertEquals(0, npm.exit, "npm ci in k8s/check:\n" + npm.output);
        }
        // Strimzi's CRDs of the release k8s/ is written for, as Strimzi's build generates them
        Path crds = Files.createDirectories(WORK.resolve("strimzi-crds"));
        // (a process of its own: its main, what Strimzi's build runs, ends with System.exit)
        Result generated = run(ROOT, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.strimzi.crdgenerator.CrdGenerator",
                "--yaml", "--crd-api-version", "v1", "--api-versions", "v1beta2", "--storage-version", "v1beta2",
                "io.strimzi.api.kafka.model.kafka.Kafka=" + crds.resolve("kafka.yaml"),
                "io.strimzi.api.kafka.model.nodepool.KafkaNodePool=" + crds.resolve("kafkanodepool.yaml"),
                "io.strimzi.api.kafka.model.topic.KafkaTopic=" + crds.resolve("kafkatopic.yaml")), 120);
        assertEquals(0, generated.exit, "Strimzi's CRD generator:\n" + generated.output);
    }

    @Test
    void everyManifestPassesItsSchemaWithNoUnknownField() throws Exception {
        List<Path> resources = resources();
        try (Stream<Path> files = Files.list(K8S)) {
            Set<String> yamlFiles = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(yamlFiles, resources.stream().map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)),
                    "every manifest in k8s/ is a resource of the kustomization, so none escapes the check");
        }
        Result check = validate(resources);
        assertEquals(0, check.exit, check.output);
        // the check saw every kind k8s/ declares, each against its own schema (an unknown kind fails it)
        for (String kind : List.of("Kafka 1", "KafkaNodePool 1", "KafkaTopic 6", "ScaledObject 2", "Deployment 4",
                "StatefulSet 1", "Service 5", "PodDisruptionBudget 4", "Ingress 1", "ConfigMap 1", "Secret 3")) {
            assertTrue(check.output.contains(kind), kind + " in " + check.output);
        }
    }

    @Test
    void aCopyBrokenInEachKindFailsNamingEachBreak() throws Exception {
        Path broken = Files.createDirectories(WORK.resolve("broken"));
        Map<String, String> expected = new TreeMap<>();
        for (Path file : resources()) {
            List<JsonNode> docs = documents(file);
            for (JsonNode doc : docs) {
                String name = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
                JsonNode node = doc.path("spec");
                ObjectNode spec = node.isObject() ? (ObjectNode) node : null;
                switch (name) {
                    case "Deployment/task-worker-service" -> {
                        ((ObjectNode) doc.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
                        expected.put(name, "/spec/template/spec/containers/0/imagePullPolicyy: unknown field");
                    }
                    case "Deployment/job-api-service" -> {
                        spec.put("replicas", "two");
                        expected.put(name, "/spec/replicas:");
                    }
                    case "Service/report-service" -> {
                        ((ObjectNode) doc.at("/spec/ports/0")).remove("port");
                        expected.put(name, "/spec/ports/0: required field port is missing");
                    }
                    case "Ingress/s3batch-api" -> {
                        ((ObjectNode) doc.at("/spec/rules/0")).set("hosts", ((ObjectNode) doc.at("/spec/rules/0")).remove("host"));
                        expected.put(name, "/spec/rules/0/hosts: unknown field");
                    }
                    case "PodDisruptionBudget/manifest-planner-service" -> {
                        spec.put("maxUnavailabe", 1);
                        expected.put(name, "/spec/maxUnavailabe: unknown field");
                    }
                    case "ScaledObject/task-worker-service" -> {
                        ((ObjectNode) doc.at("/spec/triggers/0")).put("lagThreshold", "100");
                        expected.put(name, "/spec/triggers/0/lagThreshold: unknown field");
                    }
                    case "Kafka/s3batch" -> {
                        ObjectNode kafka = (ObjectNode) spec.path("kafka");
                        kafka.set("listener", kafka.get("listeners"));
                        expected.put(name, "/spec/kafka/listener: unknown field");
                    }
                    case "KafkaNodePool/dual-role" -> {
                        ((ObjectNode) doc.path("metadata")).set("label", doc.path("metadata").path("labels"));
                        expected.put(name, "/metadata/label: unknown field");
                    }
                    case "KafkaTopic/s3batch.jobs.v1" -> {
                        spec.set("partitons", spec.remove("partitions"));
                        expected.put(name, "/spec/partitons: unknown field");
                    }
                    case "KafkaTopic/s3batch.outcomes.v1" -> {
                        spec.put("replicas", "three");
                        expected.put(name, "/spec/replicas:");
                    }
                    default -> { }
                }
            }
            write(broken.resolve(file.getFileName()), docs);
        }
        assertEquals(10, expected.size(), "every break was made (a renamed resource leaves one out): " + expected.keySet());

        Result check;
        try (Stream<Path> files = Files.list(broken)) {
            check = validate(files.sorted().toList());
        }
        assertEquals(1, check.exit, check.output);
        List<String> problems = check.output.lines().filter(l -> l.contains(": ") && !l.contains(" documents (")).toList();
        expected.forEach((name, problem) -> assertTrue(problems.stream().anyMatch(l -> l.contains(" " + name + " " + problem)),
                name + " " + problem + " in:\n" + check.output));
        Predicate<String> aBreak = l -> expected.entrySet().stream().anyMatch(e -> l.contains(" " + e.getKey() + " " + e.getValue()));
        assertEquals(List.of(), problems.stream().filter(aBreak.negate()).toList(), "nothing but the breaks is reported");
    }

    /** The configuration files each service is told to read are the ones its Secret volumes put there. */
    @Test
    void eachServiceReadsTheConfigurationFilesItsVolumesHold() throws Exception {
        Map<String, Set<String>> secretKeys = new TreeMap<>();
        Map<String, JsonNode> deployments = new TreeMap<>();
        for (Path file : resources()) {
            for (JsonNode doc : documents(file)) {
                String name = doc.path("metadata").path("name").asText();
                if (doc.path("kind").asText().equals("Secret")) {
                    Set<String> keys = new TreeSet<>();
                    doc.path("stringData").fieldNames().forEachRemaining(keys::add);
                    doc.path("data").fieldNames().forEachRemaining(keys::add);
                    secretKeys.put(name, keys);
                } else if (doc.path("kind").asText().equals("Deployment")) {
                    deployments.put(name, doc);
                }
            }
        }
        Map<String, Set<String>> read = new TreeMap<>();
        deployments.forEach((service, doc) -> {
            JsonNode pod = doc.at("/spec/template/spec");
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode env : container.path("env")) {
                    if (!env.path("name").asText().equals("QUARKUS_CONFIG_LOCATIONS")) {
                        continue;
                    }
                    for (String location : env.path("value").asText().split(",")) {
                        Path p = Path.of(location);
                        JsonNode mount = find(container.path("volumeMounts"), m -> p.getParent().toString().equals(m.path("mountPath").asText()));
                        assertTrue(mount != null, service + " reads " + location + " from a mounted volume");
                        JsonNode volume = find(pod.path("volumes"), v -> v.path("name").asText().equals(mount.path("name").asText()));
                        String secret = volume.path("secret").path("secretName").asText();
                        assertTrue(secretKeys.getOrDefault(secret, Set.of()).contains(p.getFileName().toString()),
                                service + ": " + location + " is a key of Secret " + secret);
                        read.computeIfAbsent(service, s -> new TreeSet<>()).add(p.getFileName().toString());
                    }
                }
            }
        });
        assertEquals(Map.of("job-api-service", Set.of("api-accounts.properties", "roles.properties"),
                "manifest-planner-service", Set.of("roles.properties"), "task-worker-service", Set.of("roles.properties"),
                "report-service", Set.of("roles.properties")), read, "the API reads accounts and roles, the others roles");
    }

    static JsonNode find(JsonNode array, Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return n;
            }
        }
        return null;
    }

    static List<Path> resources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (JsonNode r : YAML.readTree(K8S.resolve("kustomization.yaml").toFile()).path("resources")) {
            out.add(K8S.resolve(r.asText()));
        }
        return out;
    }

    static List<JsonNode> documents(Path file) throws IOException {
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return it.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isMissingNode()).toList();
        }
    }

    static void write(Path file, List<JsonNode> docs) throws IOException {
        StringBuilder out = new StringBuilder();
        for (JsonNode doc : docs) {
            out.append(YAML.writeValueAsString(doc));
        }
        Files.writeString(file, out.toString());
    }

    static Result validate(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", CHECK.resolve("validate.mjs").toString(),
                "--crds", WORK.resolve("strimzi-crds").toString()));
        files.forEach(f -> command.add(f.toString()));
        return run(ROOT, command, 120);
    }

    record Result(int exit, String output) { }

    static Result run(Path dir, List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), String.join(" ", command) + " ended");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
