package dev.s3batch.e2e.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack of one profile ({@code demo}, {@code test}) as deploy/ runs it: its servers' addresses, and its four
 * services as processes to kill (SIGKILL, as a crash would), restart, or restart with settings of their own.
 */
public final class StackControl {
    private final Path root;
    private final String profile;
    private final Map<String, String> serviceEnv;
    private final Map<String, String> env;

    /** {@code serviceEnv}: settings every services-up of this control passes to the services (e.g. small test batches). */
    public StackControl(Path root, String profile, Map<String, String> serviceEnv) throws Exception {
        this.root = root;
        this.profile = profile;
        this.serviceEnv = Map.copyOf(serviceEnv);
        this.env = parse(run(List.of("deploy/stack.sh", "env"), Map.of(), 60, true));
    }

    public Path root() {
        return root;
    }

    /** The stack's addresses and the API's keys, as {@code deploy/stack.sh env} prints them. */
    public Map<String, String> env() {
        return env;
    }

    /** Starts every service that is not running and waits until each is ready. */
    public void servicesUp() throws Exception {
        servicesUp(Map.of());
    }

    /** Starts every service that is not running, with {@code extraEnv} on top of this control's service settings. */
    public void servicesUp(Map<String, String> extraEnv) throws Exception {
        run(List.of("deploy/stack.sh", "services-up"), extraEnv, 300, false);
    }

    public void servicesDown() throws Exception {
        run(List.of("deploy/stack.sh", "services-down"), Map.of(), 120, false);
    }

    /** Kills a service the hard way (SIGKILL) and waits until it is gone. */
    public void kill(String service) throws IOException {
        ProcessHandle.of(pid(service)).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    /** Stops services gracefully, then starts them again with {@code extraEnv} (an empty map: the usual settings). */
    public void restart(List<String> services, Map<String, String> extraEnv) throws Exception {
        for (String service : services) {
            ProcessHandle.of(pid(service)).ifPresent(p -> {
                p.destroy();
                p.onExit().join();
            });
        }
        servicesUp(extraEnv);
    }

    /** Runs one of deploy/'s scripts for this profile (e.g. {@code deploy/postgres.sh restart}). */
    public void command(Map<String, String> extraEnv, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script));
        cmd.addAll(List.of(args));
        run(cmd, extraEnv, 180, false);
    }

    private long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(root.resolve(".stack/" + profile + "/services/" + service + ".pid")).trim());
    }

    private String run(List<String> command, Map<String, String> extraEnv, int timeoutSeconds, boolean capture) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash"));
        cmd.add(root.resolve(command.get(0)).toString());
        cmd.addAll(command.subList(1, command.size()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (capture) {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.inheritIO().redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        pb.environment().put("S3BATCH_PROFILE", profile);
        pb.environment().putAll(serviceEnv);
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        String output = capture ? new String(p.getInputStream().readAllBytes()) : "";
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return output;
    }

    private static Map<String, String> parse(String lines) {
        Map<String, String> out = new LinkedHashMap<>();
        lines.lines().filter(l -> l.contains("=")).forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return out;
    }
}
