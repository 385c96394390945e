package dev.s3batch.e2e.chaos;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./s3batch chaos}: the fault suite in full on the local (demo) stack — by default 3 runs of each fault on a
 * 20,000-object job. Prints a line per run and a summary; exits 1 when a run lost or duplicated anything.
 */
public final class Chaos {
    public static void main(String[] args) throws Exception {
        int objects = 20_000;
        int runs = 3;
        List<String> faults = FaultSuite.FAULTS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--objects" -> objects = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--faults" -> faults = Arrays.asList(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--objects N, --runs N, --faults "
                        + String.join(",", FaultSuite.FAULTS) + ")");
            }
        }
        StackControl stack = new StackControl(Path.of(System.getProperty("s3batch.root", ".")).toAbsolutePath(),
                System.getProperty("s3batch.profile", "demo"), Map.of());
        var outcomes = new FaultSuite(stack, System.out).run(faults, objects, runs);
        System.exit(outcomes.stream().allMatch(FaultSuite.Outcome::exact) ? 0 : 1);
    }
}
