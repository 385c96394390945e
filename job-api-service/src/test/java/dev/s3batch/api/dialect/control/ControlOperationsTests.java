package dev.s3batch.api.dialect.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Operation.Directive;
import dev.s3batch.model.job.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Copy, ACL and restore in the AWS and COS shapes: every field read, checked, and written back as it was sent. */
class ControlOperationsTests {
    static final String AWS_COPY = "<S3PutObjectCopy><TargetResource>arn:aws:s3:::dest</TargetResource><TargetKeyPrefix>copies/</TargetKeyPrefix>"
            + "<StorageClass>STANDARD_IA</StorageClass><SSEAwsKmsKeyId>testkey-1</SSEAwsKmsKeyId><BucketKeyEnabled>true</BucketKeyEnabled>"
            + "<CannedAccessControlList>public-read</CannedAccessControlList>"
            + "<AccessControlGrants><member><Grantee><TypeIdentifier>id</TypeIdentifier><Identifier>u1</Identifier><DisplayName>U</DisplayName></Grantee>"
            + "<Permission>READ</Permission></member></AccessControlGrants><MetadataDirective>REPLACE</MetadataDirective>"
            + "<NewObjectMetadata><CacheControl>no-cache</CacheControl><ContentDisposition>inline</ContentDisposition><ContentEncoding>gzip</ContentEncoding>"
            + "<ContentLanguage>de</ContentLanguage><ContentType>text/plain</ContentType><HttpExpiresDate>2030-01-01T00:00:00Z</HttpExpiresDate>"
            + "<SSEAlgorithm>KMS</SSEAlgorithm><UserMetadata><entry><key>color</key><value>blue</value></entry></UserMetadata></NewObjectMetadata>"
            + "<NewObjectTagging><member><Key>k</Key><Value>v</Value></member></NewObjectTagging>"
            + "<ModifiedSinceConstraint>2020-01-01T00:00:00Z</ModifiedSinceConstraint><UnModifiedSinceConstraint>2031-01-01T00:00:00Z</UnModifiedSinceConstraint>"
            + "<ObjectLockMode>GOVERNANCE</ObjectLockMode><ObjectLockRetainUntilDate>2032-01-01T00:00:00Z</ObjectLockRetainUntilDate>"
            + "<ObjectLockLegalHoldStatus>ON</ObjectLockLegalHoldStatus><ChecksumAlgorithm>CRC32</ChecksumAlgorithm>"
            + "<RedirectLocation>/elsewhere</RedirectLocation><RequesterPays>false</RequesterPays></S3PutObjectCopy>";
    static final String COS_COPY = "<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::dest-1250000000</TargetResource>"
            + "<PrefixReplace>true</PrefixReplace><ResourcesPrefix>old/</ResourcesPrefix><TargetKeyPrefix>new/</TargetKeyPrefix>"
            + "<StorageClass>STANDARD_IA</StorageClass><AccessControlDirective>Add</AccessControlDirective>"
            + "<AccessControlGrants><COSGrant><Grantee><Identifier>http://acs.amazonaws.com/groups/global/AllUsers</Identifier><TypeIdentifier>uri</TypeIdentifier></Grantee>"
            + "<Permission>READ</Permission></COSGrant></AccessControlGrants><MetadataDirective>Add</MetadataDirective>"
            + "<NewObjectMetadata><ContentType>text/csv</ContentType><SSEAlgorithm>SSE-COS</SSEAlgorithm>"
            + "<UserMetadata><member><Key>team</Key><Value>red</Value></member></UserMetadata></NewObjectMetadata>"
            + "<TaggingDirective>Add</TaggingDirective><NewObjectTagging><COSTag><Key>a</Key><Value>1</Value></COSTag></NewObjectTagging></COSPutObjectCopy>";

    static Operation read(ControlDialect d, String element) {
        JsonNode op = XmlBodies.parse("<Operation>" + element + "</Operation>", "Operation");
        String name = op.fieldNames().next();
        return new ControlOperations(d).read(name, op.get(name));
    }

    /** Writes the operation as DescribeJob does and reads that back. */
    static Operation roundTrip(ControlDialect d, Operation operation) {
        ObjectNode parent = XmlBodies.object();
        new ControlOperations(d).write(parent, operation);
        String xml = XmlBodies.write("Operation", parent);
        JsonNode op = XmlBodies.parse(xml, "Operation");
        String name = op.fieldNames().next();
        return new ControlOperations(d).read(name, op.get(name));
    }

    @Test
    void anAwsCopyWithEveryFieldIsReadAndWrittenBackAsSent() {
        Operation.PutObjectCopy copy = (Operation.PutObjectCopy) read(ControlDialect.AWS, AWS_COPY);
        assertEquals("dest", copy.targetBucket());
        assertEquals("copies/", copy.targetKeyPrefix());
        assertEquals("KMS", copy.sseAlgorithm());
        assertEquals("testkey-1", copy.kmsKeyId());
        assertEquals(Directive.REPLACE, copy.metadataDirective());
        assertEquals(Directive.REPLACE, copy.taggingDirective(), "AWS: NewObjectTagging replaces the tags");
        assertEquals(List.of(new Operation.Grant("id", "u1", "U", "READ")), copy.grants());
        assertEquals(Map.of("color", "blue"), copy.newMetadata().userMetadata());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), copy.newMetadata().httpExpiresDate());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), copy.modifiedSince());
        assertEquals("ON", copy.objectLockLegalHold());
        assertEquals(List.of(new Tag("k", "v")), copy.newTags());
        assertEquals(copy, roundTrip(ControlDialect.AWS, copy));
        assertEquals(Operation.PutObjectCopy.to("dest"), read(ControlDialect.AWS,
                "<S3PutObjectCopy><TargetResource>arn:aws:s3:::dest</TargetResource></S3PutObjectCopy>"));
    }

    @Test
    void aCosCopyWithItsDirectivesAndPrefixReplaceIsReadAndWrittenBackAsSent() {
        Operation.PutObjectCopy copy = (Operation.PutObjectCopy) read(ControlDialect.COS, COS_COPY);
        assertEquals("dest-1250000000", copy.targetBucket());
        assertTrue(copy.prefixReplace());
        assertEquals("old/", copy.resourcesPrefix());
        assertEquals(Directive.ADD, copy.accessControlDirective());
        assertEquals(Directive.ADD, copy.metadataDirective());
        assertEquals(Directive.ADD, copy.taggingDirective());
        assertEquals("SSE-COS", copy.sseAlgorithm());
        assertEquals(Map.of("team", "red"), copy.newMetadata().userMetadata());
        assertEquals(copy, roundTrip(ControlDialect.COS, copy));
    }

    @Test
    void aclAndRestoreAreReadAndWrittenBackInBothDialects() {
        Operation canned = read(ControlDialect.AWS, "<S3PutObjectAcl><AccessControlPolicy><CannedAccessControlList>public-read"
                + "</CannedAccessControlList></AccessControlPolicy></S3PutObjectAcl>");
        assertEquals(Operation.PutObjectAcl.canned("public-read"), canned);
        Operation grants = read(ControlDialect.AWS, "<S3PutObjectAcl><AccessControlPolicy><AccessControlList><Owner><ID>o</ID></Owner><Grants>"
                + "<member><Grantee><TypeIdentifier>emailAddress</TypeIdentifier><Identifier>a@example.com</Identifier></Grantee><Permission>READ_ACP</Permission></member>"
                + "</Grants></AccessControlList></AccessControlPolicy></S3PutObjectAcl>");
        assertEquals(new Operation.PutObjectAcl(null, List.of(new Operation.Grant("emailAddress", "a@example.com", null, "READ_ACP")), "o", null), grants);
        Operation restore = read(ControlDialect.AWS, "<S3InitiateRestoreObject><ExpirationInDays>3</ExpirationInDays><GlacierJobTier>BULK</GlacierJobTier></S3InitiateRestoreObject>");
        assertEquals(new Operation.RestoreObject(3, "Bulk"), restore);
        Operation cosRestore = read(ControlDialect.COS, "<COSInitiateRestoreObject><ExpirationInDays>3</ExpirationInDays><JobTier>Bulk</JobTier></COSInitiateRestoreObject>");
        assertEquals(restore, cosRestore);
        for (Operation op : List.of(canned, grants, restore)) {
            assertEquals(op, roundTrip(ControlDialect.AWS, op));
        }
        assertEquals(restore, roundTrip(ControlDialect.COS, restore));
        assertEquals(new Operation.RestoreObject(null, null), read(ControlDialect.AWS, "<S3InitiateRestoreObject/>"),
                "AWS: no ExpirationInDays for Intelligent-Tiering objects");
    }

    @Test
    void badCopyAndAclFieldsAreTheClientsError() {
        List<String> bad = List.of(
                AWS_COPY.replace("arn:aws:s3:::dest", "dest"),
                AWS_COPY.replace("<StorageClass>STANDARD_IA", "<StorageClass>COLD"),
                AWS_COPY.replace("<MetadataDirective>REPLACE", "<MetadataDirective>Replaced"),
                AWS_COPY.replace("<key>color</key>", "<key>bad key</key>"),
                AWS_COPY.replace("<value>blue</value>", "<value>blue\r\nx-amz-acl: public-read-write</value>"),
                AWS_COPY.replace("<ContentType>text/plain", "<ContentType>text/plain\u00e9"),
                AWS_COPY.replace("<Identifier>u1</Identifier>", "<Identifier>u1\", uri=\"x</Identifier>"),
                AWS_COPY.replace("<TypeIdentifier>id</TypeIdentifier>", "<TypeIdentifier>group</TypeIdentifier>"),
                AWS_COPY.replace("<Permission>READ</Permission>", "<Permission>ALL</Permission>"),
                AWS_COPY.replace("2020-01-01T00:00:00Z", "yesterday"),
                AWS_COPY.replace("<ObjectLockMode>GOVERNANCE</ObjectLockMode>", ""),
                AWS_COPY.replace("<NewObjectTagging>", "<NewObjectTagging>" + "<member><Key>x%d</Key></member>".repeat(10).formatted(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)),
                COS_COPY.replace("<ResourcesPrefix>old/</ResourcesPrefix>", ""),
                COS_COPY.replace("<TaggingDirective>Add", "<TaggingDirective>ADD"),
                COS_COPY.replace("<AccessControlGrants>", "<X>").replace("</AccessControlGrants>", "</X>"));
        for (String body : bad) {
            ControlDialect d = body.startsWith("<S3") ? ControlDialect.AWS : ControlDialect.COS;
            ApiException e = assertThrows(ApiException.class, () -> read(d, body), body);
            assertTrue(e.error() == ApiError.INVALID_ARGUMENT || e.error() == ApiError.MALFORMED_BODY, body + " → " + e.error());
        }
        assertThrows(ApiException.class, () -> read(ControlDialect.AWS, "<S3PutObjectAcl><AccessControlPolicy/></S3PutObjectAcl>"));
        assertEquals(new Operation.ReplicateObject(), read(ControlDialect.AWS, "<S3ReplicateObject/>"));
        assertEquals(ApiError.NOT_IMPLEMENTED, assertThrows(ApiException.class, () -> read(ControlDialect.AWS, "<S3UpdateObjectEncryption/>")).error());
    }

    @Test
    void lambdaInvokeIsReadCheckedAndWrittenBack() {
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:resize";
        assertEquals(new Operation.LambdaInvoke(arn, null, Map.of()), read(ControlDialect.AWS, "<LambdaInvoke><FunctionArn>" + arn + "</FunctionArn></LambdaInvoke>"));
        Operation v2 = read(ControlDialect.AWS, "<LambdaInvoke><FunctionArn>" + arn + "</FunctionArn><InvocationSchemaVersion>2.0</InvocationSchemaVersion>"
                + "<UserArguments><entry><key>size</key><value>128</value></entry><entry><key>fmt</key><value>webp</value></entry></UserArguments></LambdaInvoke>");
        assertEquals(new Operation.LambdaInvoke(arn, "2.0", Map.of("size", "128", "fmt", "webp")), v2);
        assertEquals(v2, roundTrip(ControlDialect.AWS, v2), "written as read");
        String many = IntStream.range(0, 11).mapToObj(i -> "<entry><key>k" + i + "</key><value>v</value></entry>").collect(Collectors.joining());
        for (String bad : List.of("<LambdaInvoke/>", "<LambdaInvoke><FunctionArn>arn:aws:s3:::bucket</FunctionArn></LambdaInvoke>",
                "<LambdaInvoke><FunctionArn>" + arn + "</FunctionArn><InvocationSchemaVersion>3.0</InvocationSchemaVersion></LambdaInvoke>",
                "<LambdaInvoke><FunctionArn>" + arn + "</FunctionArn><UserArguments><entry><key>k</key><value>v</value></entry></UserArguments></LambdaInvoke>",
                "<LambdaInvoke><FunctionArn>" + arn + "</FunctionArn><InvocationSchemaVersion>2.0</InvocationSchemaVersion><UserArguments>" + many
                        + "</UserArguments></LambdaInvoke>",
                "<LambdaInvoke><FunctionArn>" + arn + "</FunctionArn><InvocationSchemaVersion>2.0</InvocationSchemaVersion><UserArguments>"
                        + "<entry><key>" + "k".repeat(65) + "</key><value>v</value></entry></UserArguments></LambdaInvoke>")) {
            assertThrows(ApiException.class, () -> read(ControlDialect.AWS, bad), bad);
        }
    }

    @Test
    void legalHoldAndRetentionAreReadCheckedAndWrittenBack() {
        Operation hold = read(ControlDialect.AWS, "<S3PutObjectLegalHold><LegalHold><Status>ON</Status></LegalHold></S3PutObjectLegalHold>");
        assertEquals(new Operation.PutObjectLegalHold("ON"), hold);
        Operation retention = read(ControlDialect.AWS, "<S3PutObjectRetention><BypassGovernanceRetention>true</BypassGovernanceRetention>"
                + "<Retention><RetainUntilDate>2031-06-01T00:00:00Z</RetainUntilDate><Mode>GOVERNANCE</Mode></Retention></S3PutObjectRetention>");
        assertEquals(new Operation.PutObjectRetention("GOVERNANCE", Instant.parse("2031-06-01T00:00:00Z"), true), retention);
        assertEquals(List.of("BypassGovernanceRetention"), retention.permissions(), "the role must allow the bypass");
        for (Operation op : List.of(hold, retention)) {
            assertEquals(op, roundTrip(ControlDialect.AWS, op));
        }
        for (String bad : List.of("<S3PutObjectLegalHold><LegalHold><Status>on</Status></LegalHold></S3PutObjectLegalHold>",
                "<S3PutObjectLegalHold/>",
                "<S3PutObjectRetention><Retention><Mode>GOVERNANCE</Mode></Retention></S3PutObjectRetention>",
                "<S3PutObjectRetention><Retention><RetainUntilDate>soon</RetainUntilDate><Mode>GOVERNANCE</Mode></Retention></S3PutObjectRetention>",
                "<S3PutObjectRetention><BypassGovernanceRetention>yes</BypassGovernanceRetention><Retention><RetainUntilDate>2031-06-01T00:00:00Z"
                        + "</RetainUntilDate><Mode>GOVERNANCE</Mode></Retention></S3PutObjectRetention>")) {
            assertEquals(ApiError.INVALID_ARGUMENT, assertThrows(ApiException.class, () -> read(ControlDialect.AWS, bad), bad).error(), bad);
        }
    }
}
