package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.testkit.TestStack;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The images cannot be built here (no container engine), so what can be checked is: each service's
 * {@code src/main/docker/Dockerfile.jvm} copies only paths that {@code mvn package} made (this runs after it), runs as
 * a non-root user, and starts the fast-jar runner.
 */
class DockerfilesIT {
    static final List<String> SERVICES = List.of("job-api-service", "manifest-planner-service", "task-worker-service", "report-service");

    @Test
    void eachDockerfileCopiesWhatThePackageMade() throws Exception {
        Path root = TestStack.get().root();
        for (String service : SERVICES) {
            Path module = root.resolve(service);
            List<String> lines = Files.readAllLines(module.resolve("src/main/docker/Dockerfile.jvm")).stream()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            List<String> copies = lines.stream().filter(l -> l.startsWith("COPY ")).toList();
            assertEquals(4, copies.size(), service + ": lib, the runner, app, quarkus");
            for (String copy : copies) {
                String[] words = copy.split("\\s+");
                String source = words[words.length - 2];
                assertTrue(matches(module, source), service + ": " + source + " does not exist after mvn package");
            }
            assertTrue(copies.stream().anyMatch(c -> c.contains("target/quarkus-app/*.jar")), service);
            assertTrue(Files.exists(module.resolve("target/quarkus-app/quarkus-run.jar")), service);
            String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root").substring(5).trim();
            assertFalse(user.equals("root") || user.equals("0"), service + " runs as " + user);
            assertTrue(lines.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), service);
            assertTrue(lines.get(0).startsWith("FROM "), service);
        }
    }

    /** Whether a COPY source (a directory, a file, or a glob in its last segment) names something in the module. */
    private static boolean matches(Path module, String source) throws Exception {
        String s = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        if (!s.contains("*")) {
            return Files.exists(module.resolve(s));
        }
        Path dir = module.resolve(s.substring(0, s.lastIndexOf('/')));
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + s.substring(s.lastIndexOf('/') + 1));
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> glob.matches(f.getFileName()));
        }
    }
}
