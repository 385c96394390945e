package dev.s3batch.api.dialect.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.ManifestField;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.model.job.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OSS CreateJob body, read into the canonical job. */
class OssCreateJobReaderTests {

    /** The Java SDK v2 capture from the reference (element order as that client sends it). */
    static final String SDK_V2_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest><ConfirmationRequired>false</ConfirmationRequired>"
            + "<Operation><PutObjectTagging><TagSet><Tag><Key>k1</Key><Value>v1</Value></Tag></TagSet></PutObjectTagging></Operation>"
            + "<Report><Bucket>acs:oss:::report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope></Report>"
            + "<ClientRequestToken>token-0001</ClientRequestToken><Manifest><Location><ETag>60E460C9D1046E73F7DDE5043AC3AE85</ETag>"
            + "<Bucket>manifest-bucket</Bucket><Object>manifest.csv</Object></Location><Spec><Fields>Bucket,Key</Fields>"
            + "<Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest><Description>tag objects</Description>"
            + "<Priority>10</Priority><RoleArn>acs:ram::1234567890123456:role/batch-role</RoleArn></CreateJobRequest>";

    @Test
    void readsWhatTheOssJavaSdkSends() {
        JobSpec spec = OssCreateJobReader.read(SDK_V2_BODY, "acct");
        assertEquals("acct", spec.accountId());
        assertEquals(new Operation.PutObjectTagging(List.of(new Tag("k1", "v1"))), spec.operation());
        assertEquals(new ManifestSpec.Csv(List.of(ManifestField.BUCKET, ManifestField.KEY),
                new ObjectLocation("manifest-bucket", "manifest.csv", null), "60E460C9D1046E73F7DDE5043AC3AE85"), spec.manifest());
        assertEquals("report-bucket", spec.report().bucket(), "the acs:oss::: form is reduced to the bucket name");
        assertEquals(ReportScope.ALL_TASKS, spec.report().scope());
        assertEquals(10, spec.priority());
        assertEquals("token-0001", spec.clientRequestToken());
        assertFalse(spec.confirmationRequired());
    }

    @Test
    void versionedManifestsAndQuotedEtagsAreRead() {
        JobSpec spec = OssCreateJobReader.read(SDK_V2_BODY.replace("Bucket,Key<", "Bucket,Key,VersionId<")
                .replace("<ETag>60E460C9D1046E73F7DDE5043AC3AE85", "<ETag>\"60E460C9D1046E73F7DDE5043AC3AE85\"")
                .replace("</Object>", "</Object><VersionId>v-7</VersionId>"), "acct");
        assertEquals(new ManifestSpec.Csv(List.of(ManifestField.BUCKET, ManifestField.KEY, ManifestField.VERSION_ID),
                new ObjectLocation("manifest-bucket", "manifest.csv", "v-7"), "60E460C9D1046E73F7DDE5043AC3AE85"), spec.manifest());
    }

    @Test
    void anInventoryManifestAndAKeyPrefixGeneratorAreRead() {
        JobSpec inventory = OssCreateJobReader.read(SDK_V2_BODY.replace("<Fields>Bucket,Key</Fields>", "")
                .replace("OSS_BatchOperations_CSV_20250611", "OSS_InventoryReport_CSV_20250611")
                .replace("manifest.csv", "inv/2025-10-29T12-49Z/manifest.json"), "acct");
        assertEquals(new ManifestSpec.Inventory(new ObjectLocation("manifest-bucket", "inv/2025-10-29T12-49Z/manifest.json", null),
                "60E460C9D1046E73F7DDE5043AC3AE85", false), inventory.manifest());
        JobSpec prefix = OssCreateJobReader.read(SDK_V2_BODY.replaceAll("<Manifest>.*</Manifest>",
                "<KeyPrefixManifestGenerator><SourceBucket>my-bucket</SourceBucket><Prefix>documents/2024/</Prefix></KeyPrefixManifestGenerator>"), "acct");
        assertEquals(new ManifestSpec.Generated("my-bucket", "documents/2024/", null, null, null), prefix.manifest());
        var bad = assertThrows(ApiException.class, () -> OssCreateJobReader.read(SDK_V2_BODY.replaceAll("<Manifest>.*</Manifest>",
                "<KeyPrefixManifestGenerator><SourceBucket>acs:oss:::my-bucket</SourceBucket></KeyPrefixManifestGenerator>"), "acct"));
        assertTrue(bad.getMessage().contains("SourceBucket"), bad.getMessage());
    }

    @Test
    void aDisabledReportNeedsNoBucketOrScope() {
        JobSpec spec = OssCreateJobReader.read(SDK_V2_BODY.replaceAll("<Report>.*</Report>", "<Report><Enabled>false</Enabled></Report>"), "acct");
        assertFalse(spec.report().enabled());
    }

    @Test
    void fieldsMustNameBucketAndKeyOnce() {
        for (String bad : List.of("Key", "Bucket,Key,Key", "Bucket,Key,VersionId,VersionId", "Bucket,Key,Size")) {
            ApiException e = assertThrows(ApiException.class, () -> OssCreateJobReader.fields(bad), bad);
            assertEquals(ApiError.INVALID_ARGUMENT, e.error());
        }
        assertEquals(List.of(ManifestField.IGNORE, ManifestField.KEY, ManifestField.BUCKET), OssCreateJobReader.fields("Ignore, Key ,Bucket"));
    }

    /** A repeated element was read as absent, with unsafe defaults (a job run unconfirmed, every tag stripped, no report). */
    @Test
    void aRepeatedElementIsMalformedNotAbsent() {
        String tags = "<TagSet><Tag><Key>k1</Key><Value>v1</Value></Tag></TagSet>";
        String report = "<Report><Bucket>acs:oss:::report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope></Report>";
        List<String> bodies = List.of(
                SDK_V2_BODY.replace("<ConfirmationRequired>false</ConfirmationRequired>",
                        "<ConfirmationRequired>true</ConfirmationRequired><ConfirmationRequired>true</ConfirmationRequired>"),
                SDK_V2_BODY.replace(tags, tags + tags),
                SDK_V2_BODY.replace(report, report + report),
                SDK_V2_BODY.replace("<ClientRequestToken>token-0001</ClientRequestToken>",
                        "<ClientRequestToken>token-0001</ClientRequestToken><ClientRequestToken>token-0002</ClientRequestToken>"),
                SDK_V2_BODY.replace("<Priority>10</Priority>", "<Priority>10</Priority><Priority>20</Priority>"),
                SDK_V2_BODY.replace("<Operation>", "<Operation><PutObjectTagging>" + tags + "</PutObjectTagging>"));
        for (String body : bodies) {
            ApiException e = assertThrows(ApiException.class, () -> OssCreateJobReader.read(body, "acct"), body);
            assertEquals(ApiError.MALFORMED_BODY, e.error(), body);
        }
    }
}
