package dev.s3batch.model.function;

import dev.s3batch.model.role.GroupedConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The functions LambdaInvoke jobs may call, from configuration every service shares:
 * <pre>
 * s3batch.functions.&lt;id&gt;.account=&lt;account name&gt;
 * s3batch.functions.&lt;id&gt;.arn=arn:aws:lambda:&lt;region&gt;:&lt;account-id&gt;:function:&lt;name&gt;
 * s3batch.functions.&lt;id&gt;.url=https://…                (where each invocation event is POSTed)
 * s3batch.functions.&lt;id&gt;.authorization=Bearer …      (optional: the Authorization header sent)
 * s3batch.functions.&lt;id&gt;.timeout=30s                 (optional)
 * s3batch.functions.&lt;id&gt;.concurrency=16              (optional: invocations in flight per worker)
 * </pre>
 */
public final class Functions {
    private static final String PREFIX = "s3batch.functions.";

    private final List<Function> functions;

    public Functions(List<Function> functions) {
        this.functions = List.copyOf(functions);
    }

    public static Functions read(Config config) {
        List<Function> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : GroupedConfig.read(config, PREFIX).entrySet()) {
            String id = e.getKey();
            Map<String, String> p = e.getValue();
            URI url = URI.create(GroupedConfig.required(p, PREFIX, id, "url"));
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException(PREFIX + id + ".url must be an http or https URL");
            }
            out.add(new Function(id, GroupedConfig.required(p, PREFIX, id, "account"), GroupedConfig.required(p, PREFIX, id, "arn"), url,
                    Optional.ofNullable(p.get("authorization")), Duration.parse("PT" + p.getOrDefault("timeout", "30s").toUpperCase()),
                    Integer.parseInt(p.getOrDefault("concurrency", "16"))));
        }
        return new Functions(out);
    }

    /** The function configured under {@code arn}, whatever its qualifier spelling. */
    public Optional<Function> byArn(String arn) {
        return functions.stream().filter(f -> f.arn().equals(arn)).findFirst();
    }
}
