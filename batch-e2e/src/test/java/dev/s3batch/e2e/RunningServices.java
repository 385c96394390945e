package dev.s3batch.e2e;

import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.e2e.client.S3Fixtures;
import dev.s3batch.testkit.TestStack;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The four services as real processes (their built jars, started by deploy/stack.sh) against the real test stack,
 * started once for all end-to-end tests of this JVM and stopped when it exits.
 */
final class RunningServices {
    private static RunningServices instance;

    final TestStack stack;
    final OssJobClient api;
    /** A client of the second account ("other"), whose role is {@code acs:ram::2222222222222222:role/batch-role}. */
    final OssJobClient otherApi;
    final S3Fixtures s3;

    private RunningServices(TestStack stack) {
        this.stack = stack;
        this.api = new OssJobClient(stack.env().get("S3BATCH_API_URL"), stack.env().get("S3BATCH_API_ACCESS_KEY"),
                stack.env().get("S3BATCH_API_SECRET_KEY"));
        this.otherApi = new OssJobClient(stack.env().get("S3BATCH_API_URL"), stack.env().get("S3BATCH_API_OTHER_ACCESS_KEY"),
                stack.env().get("S3BATCH_API_OTHER_SECRET_KEY"));
        this.s3 = new S3Fixtures(stack.s3Endpoint(), stack.env().get("S3BATCH_S3_ACCESS_KEY"), stack.env().get("S3BATCH_S3_SECRET_KEY"));
    }

    static synchronized RunningServices get() throws Exception {
        if (instance == null) {
            TestStack stack = TestStack.get();
            stackCommand(stack, "services-up");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stackCommand(stack, "services-down");
                } catch (Exception e) {
                    System.err.println("could not stop the services: " + e);
                }
            }));
            instance = new RunningServices(stack);
        }
        return instance;
    }

    /** A new bucket named {@code <prefix><random>}, with {@code objects} small objects {@code o0, o1, …} in it. */
    String bucketWithObjects(String prefix, int objects) throws Exception {
        String b = prefix + java.util.UUID.randomUUID().toString().substring(0, 8);
        s3.bucket(b);
        if (objects > 0) {
            s3.putObjects(b, objects, i -> "o" + i, d -> { });
        }
        return b;
    }

    /** Kills a service the hard way (SIGKILL), as a crash would. */
    void kill(String service) throws Exception {
        long pid = Long.parseLong(Files.readString(stack.root().resolve(".stack/test/services/" + service + ".pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    /** Starts again every service that is not running. */
    void restartStopped() throws Exception {
        stackCommand(stack, "services-up", Map.of());
    }

    /**
     * Restarts one service with settings of its own (environment variables such as {@code S3BATCH_PLANNER_MAX_ACTIVE_JOBS});
     * an empty map restores the suite's settings. The service is stopped gracefully first.
     */
    void restart(String service, Map<String, String> env) throws Exception {
        long pid = Long.parseLong(Files.readString(stack.root().resolve(".stack/test/services/" + service + ".pid")).trim());
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroy();
            p.onExit().join();
        });
        stackCommand(stack, "services-up", env);
    }

    private static void stackCommand(TestStack stack, String command) throws Exception {
        stackCommand(stack, command, Map.of());
    }

    private static void stackCommand(TestStack stack, String command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", stack.root().resolve("deploy/stack.sh").toString(), command))
                .directory(stack.root().toFile()).inheritIO().redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("S3BATCH_PROFILE", "test");
        // Small batches and frequent checkpoints, so test jobs span many batches and checkpoints.
        pb.environment().put("S3BATCH_PLANNER_BATCH_SIZE", "250");
        pb.environment().put("S3BATCH_PLANNER_CHECKPOINT_EVERY", "4");
        // A window of 8 batches (2,000 objects), so a test job of a few thousand objects is refilled several times.
        pb.environment().put("S3BATCH_PLANNER_WINDOW_BATCHES", "8");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("deploy/stack.sh " + command + " failed");
        }
    }
}
