package dev.s3batch.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real test stack: {@code @QuarkusTestResource(StackTestResource.class)}.
 * The stack itself outlives the test class (it is shared by the whole run, see {@link TestStack}).
 */
public class StackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestStack stack = TestStack.get();
        return stack.quarkusConfig();
    }

    @Override
    public void stop() {
        // shared for the whole run; TestStack stops what it started when the JVM exits
    }
}
