package dev.s3batch.model.messaging;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka static group membership for every consumer of a service instance that has a stable name
 * ({@code s3batch.kafka.instance-id}: the service's name in the local stack, the pod's name on Kubernetes): each
 * consumer gets {@code group.instance.id = <instance-id>-<client.id>}. An instance that crashes and starts again under
 * the same name takes its partitions back at once, instead of after the broker's session timeout during which they
 * have no consumer; without a name, consumers are dynamic members as before. A consumer of an instance that is gone
 * for good keeps its partitions for the session timeout (10 s) before they move.
 */
@ApplicationScoped
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {
    private final Optional<String> instanceId;

    public StaticMembership() {
        this(ConfigProvider.getConfig().getOptionalValue("s3batch.kafka.instance-id", String.class));
    }

    StaticMembership(Optional<String> instanceId) {
        this.instanceId = instanceId.map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (instanceId.isPresent() && config.containsKey("group.id") && !config.containsKey("group.instance.id")) {
            // Kafka allows [A-Za-z0-9._-] in an instance id; SmallRye's client ids carry '$' (kafka-consumer-tasks$1)
            String id = instanceId.get() + "-" + config.getOrDefault("client.id", channel);
            config.put("group.instance.id", id.replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        return config;
    }
}
