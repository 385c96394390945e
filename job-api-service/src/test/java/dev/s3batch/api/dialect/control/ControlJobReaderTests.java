package dev.s3batch.api.dialect.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The COS (and AWS) CreateJob body, read into the canonical job. */
class ControlJobReaderTests {
    static final String TAG_SET = "<TagSet><member><Key>k</Key><Value>v</Value></member></TagSet>";
    static final String BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest><ClientRequestToken>t-1</ClientRequestToken>"
            + "<ConfirmationRequired>true</ConfirmationRequired><Description>tag objects</Description><Manifest><Location>"
            + "<ETag>60e460c9d1046e73f7dde5043ac3ae85</ETag><ObjectArn>qcs::cos:ap-guangzhou::srcbucket-1250000000/manifest.csv</ObjectArn>"
            + "</Location><Spec><Fields><member>Bucket</member><member>Key</member></Fields><Format>COSBatchOperations_CSV_V1</Format>"
            + "</Spec></Manifest><Operation><COSPutObjectTagging>" + TAG_SET + "</COSPutObjectTagging></Operation><Priority>10</Priority>"
            + "<Report><Bucket>qcs::cos:ap-guangzhou::reportbucket-1250000000</Bucket><Enabled>true</Enabled><Format>Report_CSV_V1</Format>"
            + "<Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope></Report>"
            + "<RoleArn>qcs::cam::uin/100000000001:roleName/COSBatch_QcsRole</RoleArn></CreateJobRequest>";

    final ControlJobReader reader = new ControlJobReader(ControlDialect.COS);

    @Test
    void readsACosBody() {
        var spec = reader.read(BODY, "acct").spec();
        assertEquals(new Operation.PutObjectTagging(List.of(new Tag("k", "v"))), spec.operation());
        assertTrue(spec.confirmationRequired());
        assertEquals("t-1", spec.clientRequestToken());
    }

    /** A repeated element was read as absent: a job ran unconfirmed, or stripped every tag from every object. */
    @Test
    void aRepeatedElementIsMalformedNotAbsent() {
        List<String> bodies = List.of(
                BODY.replace("<ConfirmationRequired>true</ConfirmationRequired>",
                        "<ConfirmationRequired>true</ConfirmationRequired><ConfirmationRequired>true</ConfirmationRequired>"),
                BODY.replace(TAG_SET, TAG_SET + TAG_SET),
                BODY.replace("<ClientRequestToken>t-1</ClientRequestToken>", "<ClientRequestToken>t-1</ClientRequestToken><ClientRequestToken>t-2</ClientRequestToken>"),
                BODY.replace("<Operation>", "<Operation><COSPutObjectTagging>" + TAG_SET + "</COSPutObjectTagging>"),
                BODY.replace("<Report>", "<Report><Enabled>false</Enabled>"));
        for (String body : bodies) {
            ApiException e = assertThrows(ApiException.class, () -> reader.read(body, "acct"), body);
            assertEquals(ApiError.MALFORMED_BODY, e.error(), body);
        }
    }

    @Test
    void awsDeleteObjectTaggingIsReadAndWrittenBackUnderItsAwsName() {
        String aws = BODY.replace("qcs::cos:ap-guangzhou::srcbucket-1250000000/manifest.csv", "arn:aws:s3:::manifest-bucket/manifest.csv")
                .replace("qcs::cos:ap-guangzhou::reportbucket-1250000000", "arn:aws:s3:::report-bucket")
                .replace("COSBatchOperations_CSV_V1", "S3BatchOperations_CSV_20180820").replace("Report_CSV_V1", "Report_CSV_20180820")
                .replace("qcs::cam::uin/100000000001:roleName/COSBatch_QcsRole", "arn:aws:iam::123456789012:role/batch-role")
                .replace("<COSPutObjectTagging>" + TAG_SET + "</COSPutObjectTagging>", "<S3DeleteObjectTagging/>");
        assertEquals(new Operation.DeleteObjectTagging(), new ControlJobReader(ControlDialect.AWS).read(aws, "acct").spec().operation());
        assertEquals("S3DeleteObjectTagging", new ControlJobWriter(ControlDialect.AWS).operationName(new Operation.DeleteObjectTagging()));
        // COS has no such operation: refused as an unknown one
        ApiException cos = assertThrows(ApiException.class, () -> reader.read(BODY.replace("<COSPutObjectTagging>" + TAG_SET + "</COSPutObjectTagging>",
                "<S3DeleteObjectTagging/>"), "acct"));
        assertEquals(ApiError.INVALID_ARGUMENT, cos.error());
    }

    @Test
    void cosDeleteObjectIsReadAndWrittenBackUnderItsCosName() {
        assertEquals(new Operation.DeleteObject(), reader.read(BODY.replace("<COSPutObjectTagging>" + TAG_SET + "</COSPutObjectTagging>",
                "<COSDeleteObject/>"), "acct").spec().operation());
        assertEquals("COSDeleteObject", new ControlJobWriter(ControlDialect.COS).operationName(new Operation.DeleteObject()));
    }
}
