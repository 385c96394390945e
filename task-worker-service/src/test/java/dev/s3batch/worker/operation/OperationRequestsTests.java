package dev.s3batch.worker.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.LinkedListMultimap;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The S3 requests the ACL, restore and copy executors build: keys, bodies, headers. */
class OperationRequestsTests {

    static Operation.PutObjectCopy prefixed(String prefix, boolean replace, String old) {
        return new Operation.PutObjectCopy("dest", prefix, replace, old, null, null, null, null, null, null, List.of(), null,
                null, null, List.of(), null, null, null, null, null, null, null, null);
    }

    @Test
    void theConsolesPrefixOperationsGiveTheDestinationKey() {
        assertEquals("added/docs/a", PutObjectCopyOperation.targetKey(prefixed("added/", false, null), "docs/a"), "add");
        assertEquals("archive/a", PutObjectCopyOperation.targetKey(prefixed("archive/", true, "docs/"), "docs/a"), "replace");
        assertEquals("a", PutObjectCopyOperation.targetKey(prefixed(null, true, "docs/"), "docs/a"), "delete");
        assertEquals("docs/a", PutObjectCopyOperation.targetKey(prefixed(null, false, null), "docs/a"), "none");
        TaskFailure outside = assertThrows(TaskFailure.class, () -> PutObjectCopyOperation.targetKey(prefixed("x/", true, "docs/"), "other/a"));
        assertEquals(400, outside.httpStatus());
        assertThrows(TaskFailure.class, () -> PutObjectCopyOperation.targetKey(prefixed(null, true, "docs/"), "docs/"), "empty key");
        assertEquals("KeyTooLongError", assertThrows(TaskFailure.class,
                () -> PutObjectCopyOperation.targetKey(prefixed("p".repeat(1000), false, null), "k".repeat(100))).code());
    }

    @Test
    void theCopySourceIsEncodedWithItsSlashesAndVersion() {
        assertEquals("/b/dir/a%20b%2Bc%26%3F", PutObjectCopyOperation.copySource(TaskRef.of("b", "dir/a b+c&?", null)));
        assertEquals("/b/k?versionId=v%2B1", PutObjectCopyOperation.copySource(TaskRef.of("b", "k", "v+1")));
    }

    @Test
    void grantsBecomeOneHeaderPerPermission() {
        var h = LinkedListMultimap.<String, String>create();
        PutObjectCopyOperation.grantHeaders(h, List.of(new Operation.Grant("id", "u1", null, "READ"),
                new Operation.Grant("uri", "http://acs.amazonaws.com/groups/global/AllUsers", null, "READ"),
                new Operation.Grant("emailAddress", "a@example.com", null, "FULL_CONTROL")));
        assertEquals(List.of("id=\"u1\", uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""), h.get("x-amz-grant-read"));
        assertEquals(List.of("emailAddress=\"a@example.com\""), h.get("x-amz-grant-full-control"));
    }

    @Test
    void anAclDocumentEscapesWhatTheJobNamedAndTakesAddedGrants() {
        String policy = PutObjectAclOperation.policy("o<&>", null, List.of(new Operation.Grant("id", "x\"y", "N", "READ")));
        assertTrue(policy.contains("<ID>o&lt;&amp;&gt;</ID>") && policy.contains("<ID>x&quot;y</ID><DisplayName>N</DisplayName>"), policy);
        String added = PutObjectAclOperation.withGrants(policy, List.of(new Operation.Grant("uri", "http://g", null, "WRITE_ACP")));
        assertTrue(added.endsWith("<URI>http://g</URI></Grantee><Permission>WRITE_ACP</Permission></Grant></AccessControlList></AccessControlPolicy>"), added);
    }

    @Test
    void theRestoreRequestBodyAndAnAlreadyRunningRestore() {
        assertEquals("<RestoreRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Days>3</Days><GlacierJobParameters><Tier>Bulk</Tier>"
                + "</GlacierJobParameters></RestoreRequest>", RestoreObjectOperation.body(new Operation.RestoreObject(3, "Bulk")));
        assertEquals("<RestoreRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></RestoreRequest>",
                RestoreObjectOperation.body(new Operation.RestoreObject(null, null)), "Intelligent-Tiering: no days, no tier");
        assertTrue(RestoreObjectOperation.alreadyInProgress(new CompletionException(
                dev.s3batch.worker.service.BatchExecutorTests.s3Error(409, "RestoreAlreadyInProgress"))));
        assertFalse(RestoreObjectOperation.alreadyInProgress(dev.s3batch.worker.service.BatchExecutorTests.s3Error(403, "InvalidObjectState")));
    }
}
