package dev.s3batch.e2e;

import dev.s3batch.e2e.chaos.StackControl;
import dev.s3batch.e2e.client.OssJobClient;
import dev.s3batch.e2e.client.S3Fixtures;
import dev.s3batch.testkit.TestStack;
import java.util.List;
import java.util.Map;

/**
 * The four services as real processes (their built jars, started by deploy/stack.sh) against the real test stack,
 * started once for all end-to-end tests of this JVM and stopped when it exits.
 */
final class RunningServices {
    private static RunningServices instance;
    /** Small batches and frequent checkpoints, so test jobs span many batches and checkpoints; a window of 8 batches
     * (2,000 objects), so a test job of a few thousand objects is refilled several times; copies over 16 MiB made by
     * multipart in 8 MiB parts, so a 64 MiB object takes that path. */
    static final Map<String, String> TEST_SETTINGS = Map.of("S3BATCH_PLANNER_BATCH_SIZE", "250",
            "S3BATCH_PLANNER_CHECKPOINT_EVERY", "4", "S3BATCH_PLANNER_WINDOW_BATCHES", "8",
            "S3BATCH_WORKER_COPY_MULTIPART_THRESHOLD", "16777216", "S3BATCH_WORKER_COPY_PART_SIZE", "8388608");

    final TestStack stack;
    /** The test profile's services as processes: kill, restart, restart with settings of their own. */
    final StackControl control;
    final OssJobClient api;
    /** A client of the second account ("other"), whose role is {@code acs:ram::2222222222222222:role/batch-role}. */
    final OssJobClient otherApi;
    final S3Fixtures s3;

    private RunningServices(TestStack stack, StackControl control) {
        this.stack = stack;
        this.control = control;
        this.api = new OssJobClient(stack.env().get("S3BATCH_API_URL"), stack.env().get("S3BATCH_API_ACCESS_KEY"),
                stack.env().get("S3BATCH_API_SECRET_KEY"));
        this.otherApi = new OssJobClient(stack.env().get("S3BATCH_API_URL"), stack.env().get("S3BATCH_API_OTHER_ACCESS_KEY"),
                stack.env().get("S3BATCH_API_OTHER_SECRET_KEY"));
        this.s3 = new S3Fixtures(stack.s3Endpoint(), stack.env().get("S3BATCH_S3_ACCESS_KEY"), stack.env().get("S3BATCH_S3_SECRET_KEY"));
    }

    static synchronized RunningServices get() throws Exception {
        if (instance == null) {
            TestStack stack = TestStack.get();
            StackControl control = new StackControl(stack.root(), "test", TEST_SETTINGS);
            control.servicesUp();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    control.servicesDown();
                } catch (Exception e) {
                    System.err.println("could not stop the services: " + e);
                }
            }));
            instance = new RunningServices(stack, control);
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

    /** A COS-dialect client of the local account. */
    dev.s3batch.e2e.client.CosJobClient cos() {
        return new dev.s3batch.e2e.client.CosJobClient(stack.env().get("S3BATCH_API_URL"), stack.env().get("S3BATCH_API_ACCESS_KEY"),
                stack.env().get("S3BATCH_API_SECRET_KEY"));
    }

    /** Kills a service the hard way (SIGKILL), as a crash would. */
    void kill(String service) throws Exception {
        control.kill(service);
    }

    /** Starts again every service that is not running. */
    void restartStopped() throws Exception {
        control.servicesUp();
    }

    /**
     * Restarts one service with settings of its own (environment variables such as {@code S3BATCH_PLANNER_MAX_ACTIVE_JOBS});
     * an empty map restores the suite's settings. The service is stopped gracefully first.
     */
    void restart(String service, Map<String, String> env) throws Exception {
        control.restart(List.of(service), env);
    }
}
