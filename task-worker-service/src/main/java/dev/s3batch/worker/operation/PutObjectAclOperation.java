package dev.s3batch.worker.operation;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import dev.s3batch.worker.s3.StoreClient;
import io.minio.http.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets an object's ACL with S3 PutObjectAcl ({@code PUT ?acl}): a canned ACL as the {@code x-amz-acl} header, or the
 * job's grants as an {@code AccessControlPolicy} document whose owner is the one the job named, or else the object's
 * own (read with {@code GET ?acl}). OSS's {@code default} — "inherit the bucket's ACL" — has no S3 equivalent: the
 * bucket's ACL, read once per batch, is put on the object, so a later change to the bucket's ACL does not reach it.
 */
public final class PutObjectAclOperation implements ObjectOperation {
    private static final String XMLNS_XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private final Operation.PutObjectAcl op;
    /** The ACL document of each bucket, for {@code default}: read once per batch (this instance serves one batch). */
    private final Map<String, CompletableFuture<String>> bucketAcls = new ConcurrentHashMap<>();

    public PutObjectAclOperation(Operation.PutObjectAcl op) {
        this.op = op;
    }

    @Override
    public CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) {
        Multimap<String, String> query = StoreClient.subresource("acl", task.versionId());
        if (Operation.PutObjectAcl.INHERIT_BUCKET.equals(op.cannedAcl())) {
            return bucketAcls.computeIfAbsent(task.bucket(), b -> s3.send(Method.GET, b, null, StoreClient.none(),
                            StoreClient.subresource("acl"), null).thenApply(StoreClient.Answer::body))
                    .thenCompose(policy -> s3.send(Method.PUT, task.bucket(), task.key(), StoreClient.none(), query, policy))
                    .thenApply(answer -> Outcome.of(answer.status()));
        }
        if (op.cannedAcl() != null) {
            return s3.send(Method.PUT, task.bucket(), task.key(), ImmutableMultimap.of("x-amz-acl", op.cannedAcl()), query, null)
                    .thenApply(answer -> Outcome.of(answer.status()));
        }
        CompletableFuture<String[]> owner = op.ownerId() != null
                ? CompletableFuture.completedFuture(new String[]{op.ownerId(), op.ownerDisplayName()})
                : s3.send(Method.GET, task.bucket(), task.key(), StoreClient.none(), query, null).thenApply(answer -> {
                    AclDocument current = AclDocument.parse(answer.body());
                    return new String[]{current.ownerId(), current.ownerDisplayName()};
                });
        return owner.thenCompose(o -> s3.send(Method.PUT, task.bucket(), task.key(), StoreClient.none(), query,
                        policy(o[0], o[1], op.grants())))
                .thenApply(answer -> Outcome.of(answer.status()));
    }

    /** An S3 {@code AccessControlPolicy} document. */
    static String policy(String ownerId, String ownerName, List<Operation.Grant> grants) {
        StringBuilder xml = new StringBuilder("<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>")
                .append(escape(ownerId)).append("</ID>");
        if (ownerName != null) {
            xml.append("<DisplayName>").append(escape(ownerName)).append("</DisplayName>");
        }
        xml.append("</Owner><AccessControlList>").append(grants(grants));
        return xml.append("</AccessControlList></AccessControlPolicy>").toString();
    }

    /** An ACL document ({@code GET ?acl}'s answer) with {@code grants} added to its own (COS AccessControlDirective Add). */
    static String withGrants(String policy, List<Operation.Grant> grants) {
        int end = policy.lastIndexOf("</AccessControlList>");
        if (end < 0) {
            throw new IllegalStateException("The store's ACL document has no AccessControlList.");
        }
        return policy.substring(0, end) + grants(grants) + policy.substring(end);
    }

    /** {@code <Grant>} elements; grantee types as AWS names them ({@code id}, {@code emailAddress}, {@code uri}). */
    private static String grants(List<Operation.Grant> grants) {
        StringBuilder xml = new StringBuilder();
        for (Operation.Grant g : grants) {
            String[] type = switch (g.granteeType()) {
                case "id" -> new String[]{"CanonicalUser", "ID"};
                case "emailAddress" -> new String[]{"AmazonCustomerByEmail", "EmailAddress"};
                case "uri" -> new String[]{"Group", "URI"};
                default -> throw new IllegalArgumentException("Grantee type " + g.granteeType() + " is not id, emailAddress or uri.");
            };
            xml.append("<Grant><Grantee xmlns:xsi=\"").append(XMLNS_XSI).append("\" xsi:type=\"").append(type[0]).append("\"><")
                    .append(type[1]).append('>').append(escape(g.identifier())).append("</").append(type[1]).append('>');
            if (g.displayName() != null && type[1].equals("ID")) {
                xml.append("<DisplayName>").append(escape(g.displayName())).append("</DisplayName>");
            }
            xml.append("</Grantee><Permission>").append(escape(g.permission())).append("</Permission></Grant>");
        }
        return xml.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
