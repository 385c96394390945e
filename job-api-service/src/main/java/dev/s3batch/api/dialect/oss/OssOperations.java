package dev.s3batch.api.dialect.oss;

import static dev.s3batch.api.dialect.XmlBodies.child;
import static dev.s3batch.api.dialect.XmlBodies.list;
import static dev.s3batch.api.dialect.XmlBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.OperationFields;
import dev.s3batch.api.dialect.TagSets;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Tag;
import java.util.List;
import java.util.Set;

/**
 * The OSS operations, read from and written back to OSS's XML ({@code TagSet/Tag}, {@code ObjectAcl},
 * {@code Days}/{@code Tier}); OSS's names are s3batch's canonical ones. Copy and delete have no OSS batch operation.
 */
final class OssOperations {
    static final Set<String> NAMES = Set.of("PutObjectTagging", "AddObjectTagging", "DeleteObjectTagging", "PutObjectAcl", "RestoreObject");

    private OssOperations() {
    }

    static Operation read(String name, JsonNode op) {
        String where = "Operation/" + name;
        return switch (name) {
            case "PutObjectTagging" -> new Operation.PutObjectTagging(tags(op, where));
            case "AddObjectTagging" -> {
                List<Tag> tags = tags(op, where);
                if (tags.isEmpty()) {
                    throw ApiException.invalid(where + "/TagSet must name at least one tag to add.");
                }
                yield new Operation.AddObjectTagging(tags);
            }
            case "DeleteObjectTagging" -> new Operation.DeleteObjectTagging();
            case "PutObjectAcl" -> Operation.PutObjectAcl.canned(OperationFields.oneOf(text(op, "ObjectAcl")
                    .orElseThrow(() -> ApiException.missing(where + "/ObjectAcl")), where + "/ObjectAcl", "private", "public-read", "public-read-write", "default"));
            case "RestoreObject" -> new Operation.RestoreObject(
                    OperationFields.integer(text(op, "Days").orElseThrow(() -> ApiException.missing(where + "/Days")), where + "/Days", 1, 365),
                    text(op, "Tier").map(v -> OperationFields.oneOf(v, where + "/Tier", "Standard", "Bulk")).orElse(null));
            default -> throw ApiException.invalid("Operation " + name + " is not supported.");
        };
    }

    private static List<Tag> tags(JsonNode op, String where) {
        return TagSets.objectTags(list(child(op, "TagSet").orElseThrow(() -> ApiException.missing(where + "/TagSet")), "Tag"), "TagSet/Tag");
    }

    /** The operation element's content, as OSS CreateJob takes it (what a client sent is what it reads back). */
    static void write(ObjectNode parent, Operation operation) {
        ObjectNode e = parent.putObject(operation.name());
        operation.accept(new Operation.Visitor<Void>() {
            @Override
            public Void putObjectTagging(Operation.PutObjectTagging o) {
                tagSet(e, o.tags());
                return null;
            }

            @Override
            public Void addObjectTagging(Operation.AddObjectTagging o) {
                tagSet(e, o.tags());
                return null;
            }

            @Override
            public Void deleteObjectTagging(Operation.DeleteObjectTagging o) {
                return null;
            }

            @Override
            public Void deleteObject(Operation.DeleteObject o) {
                return null; // no OSS batch operation deletes objects: a COS job described through OSS
            }

            @Override
            public Void putObjectAcl(Operation.PutObjectAcl o) {
                if (o.cannedAcl() != null) {
                    e.put("ObjectAcl", o.cannedAcl()); // an AWS job's list of grants has no OSS form
                }
                return null;
            }

            @Override
            public Void restoreObject(Operation.RestoreObject o) {
                if (o.days() != null) {
                    e.put("Days", o.days());
                }
                if (o.tier() != null) {
                    e.put("Tier", o.tier());
                }
                return null;
            }

            @Override
            public Void putObjectCopy(Operation.PutObjectCopy o) {
                return null; // no OSS batch operation copies
            }

            @Override
            public Void putObjectLegalHold(Operation.PutObjectLegalHold o) {
                return null; // AWS only: an AWS job described through OSS, by name
            }

            @Override
            public Void putObjectRetention(Operation.PutObjectRetention o) {
                return null;
            }

            @Override
            public Void lambdaInvoke(Operation.LambdaInvoke o) {
                return null;
            }

            @Override
            public Void computeObjectChecksum(Operation.ComputeObjectChecksum o) {
                return null;
            }

            @Override
            public Void replicateObject(Operation.ReplicateObject o) {
                return null;
            }
        });
    }

    private static void tagSet(ObjectNode parent, List<Tag> tags) {
        ArrayNode list = parent.putObject("TagSet").putArray("Tag");
        tags.forEach(tag -> list.addObject().put("Key", tag.key()).put("Value", tag.value()));
    }
}
