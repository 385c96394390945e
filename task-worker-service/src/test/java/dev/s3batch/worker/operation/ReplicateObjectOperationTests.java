package dev.s3batch.worker.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.job.Operation;
import dev.s3batch.model.role.ReplicationTarget;
import dev.s3batch.model.role.Role;
import dev.s3batch.model.role.RolesConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class ReplicateObjectOperationTests {

    @Test
    void aReplicasAclIsOwnedByTheDestinationsOwnerWhoGetsTheSourceOwnersGrants() {
        AclDocument replica = AclDocument.parse(ReplicateObjectOperation.translated(AclDocumentTests.RGW, new String[]{"replica-owner", "Replicas"}));
        assertEquals("replica-owner", replica.ownerId());
        assertEquals(List.of(new Operation.Grant("id", "replica-owner", "Replicas", "FULL_CONTROL"),
                new Operation.Grant("uri", "http://acs.amazonaws.com/groups/global/AllUsers", null, "READ"),
                new Operation.Grant("id", "someone", null, "WRITE_ACP")), replica.grants());
    }

    @Test
    void aRolesReplicationDestinationIsConfiguration() {
        Map<String, String> p = role("r");
        p.put("s3batch.roles.r.replication.bucket", "replicas");
        p.put("s3batch.roles.r.replication.endpoint", "https://other.example");
        p.put("s3batch.roles.r.replication.access-key", "AK");
        p.put("s3batch.roles.r.replication.secret-key", "SK");
        p.put("s3batch.roles.r.replication.storage-class", "STANDARD_IA");
        p.putAll(role("plain"));
        p.putAll(role("same"));
        p.put("s3batch.roles.same.replication.bucket", "copies");
        var roles = RolesConfig.read(config(p));
        ReplicationTarget other = roles.byArn("arn:r").flatMap(Role::replication).orElseThrow();
        assertEquals(new ReplicationTarget("replicas", Optional.of("https://other.example"), Optional.of("AK"), Optional.of("SK"),
                Optional.of("STANDARD_IA")), other);
        assertTrue(other.elsewhere());
        String shown = roles.byArn("arn:r").orElseThrow().toString();
        assertTrue(!shown.contains("SK") && shown.contains("replicas") && shown.contains("***"), "no secret where a role is printed: " + shown);
        assertEquals(Optional.empty(), roles.byArn("arn:plain").orElseThrow().replication());
        assertTrue(!roles.byArn("arn:same").flatMap(Role::replication).orElseThrow().elsewhere(), "same store, same keys: server-side copies");

        Map<String, String> noBucket = role("r");
        noBucket.put("s3batch.roles.r.replication.endpoint", "https://other.example");
        assertThrows(IllegalArgumentException.class, () -> RolesConfig.read(config(noBucket)));
        Map<String, String> halfKeys = role("r");
        halfKeys.put("s3batch.roles.r.replication.bucket", "replicas");
        halfKeys.put("s3batch.roles.r.replication.access-key", "AK");
        assertThrows(IllegalArgumentException.class, () -> RolesConfig.read(config(halfKeys)));
    }

    private static Map<String, String> role(String id) {
        Map<String, String> p = new HashMap<>();
        p.put("s3batch.roles." + id + ".account", "acct");
        p.put("s3batch.roles." + id + ".arns", "arn:" + id);
        p.put("s3batch.roles." + id + ".operations", "*");
        p.put("s3batch.roles." + id + ".buckets", "*");
        return p;
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
