package dev.s3batch.testkit;

import io.minio.MinioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real servers tests run against: Kafka (KRaft), PostgreSQL and Ceph RGW of the {@code test} profile, started by the
 * project's own {@code deploy/stack.sh}. Started at most once per JVM; when this JVM started them, it stops them at exit,
 * and when they were already running (e.g. {@code ./s3batch test} started them for the whole run) it leaves them be.
 */
public final class TestStack {
    private static TestStack instance;

    private final Path root;
    private final Map<String, String> env;

    private TestStack(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    public static synchronized TestStack get() {
        if (instance == null) {
            Path root = repositoryRoot();
            boolean wasRunning = isRunning(root);
            run(root, 900, "infra-up");
            if (!wasRunning) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> run(root, 120, "infra-down"), "test-stack-stop"));
            }
            instance = new TestStack(root, parseEnv(run(root, 30, "env")));
        }
        return instance;
    }

    /** The repository checkout (the directory holding the {@code s3batch} launcher). */
    public Path root() {
        return root;
    }

    /** The stack's addresses as environment variables, the form the services read (see deploy/stack.sh env). */
    public Map<String, String> env() {
        return env;
    }

    public String kafkaBootstrapServers() {
        return env.get("KAFKA_BOOTSTRAP_SERVERS");
    }

    public String s3Endpoint() {
        return env.get("S3BATCH_S3_ENDPOINT");
    }

    /** Quarkus configuration that points one service under test at this stack. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        c.put("quarkus.datasource.reactive.url", env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        c.put("quarkus.datasource.jdbc.url", env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        c.put("quarkus.datasource.username", env.get("QUARKUS_DATASOURCE_USERNAME"));
        c.put("quarkus.datasource.password", env.get("QUARKUS_DATASOURCE_PASSWORD"));
        c.put("s3batch.s3.endpoint", s3Endpoint());
        c.put("s3batch.s3.access-key", env.get("S3BATCH_S3_ACCESS_KEY"));
        c.put("s3batch.s3.secret-key", env.get("S3BATCH_S3_SECRET_KEY"));
        return c;
    }

    /** An S3 client with the stack's credentials, for arranging and checking objects. */
    public MinioClient s3() {
        return MinioClient.builder().endpoint(s3Endpoint()).region("us-east-1")
                .credentials(env.get("S3BATCH_S3_ACCESS_KEY"), env.get("S3BATCH_S3_SECRET_KEY")).build();
    }

    private static boolean isRunning(Path root) {
        Path dir = root.resolve(".stack/test");
        return alive(dir.resolve("kafka/kafka.pid")) && alive(dir.resolve("ceph/rgw.pid"));
    }

    private static boolean alive(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/stack.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/stack.sh above " + dir);
    }

    private static String run(Path root, int timeoutSeconds, String command) {
        try {
            Path out = Files.createTempFile("s3batch-stack", ".out");
            ProcessBuilder pb = new ProcessBuilder(List.of("bash", root.resolve("deploy/stack.sh").toString(), command))
                    .directory(root.toFile());
            pb.environment().put("S3BATCH_PROFILE", "test");
            Process p = pb
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("deploy/stack.sh " + command + " did not finish in " + timeoutSeconds + "s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("deploy/stack.sh " + command + " failed (exit " + p.exitValue() + ")");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parseEnv(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        text.lines().filter(l -> l.contains("=")).forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return Map.copyOf(env);
    }
}
