package dev.s3batch.api.dialect.control;

import dev.s3batch.model.job.ReportFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conventions of an AWS-shaped batch-job API: AWS S3 Control and Tencent COS share the request and response shapes
 * ({@code member} lists, the same job fields) and differ in names, ARNs and error documents.
 *
 * @param objectArn an object ARN; group "bucket" and group "key"
 * @param bucketArn a bucket ARN; group "bucket"
 * @param arnPrefix what comes before {@code <bucket>[/<key>]} when this dialect writes an ARN
 * @param manifestEtagRequired whether Manifest/Location/ETag must be given
 * @param generator whether CreateJob takes a ManifestGenerator (AWS) besides a Manifest
 * @param copyDirectives whether a copy takes COS's directives (copy, replace or add permissions and tags, add metadata)
 *        and prefix replacement: COS's own, and the console's in AWS's terms ({@code ADD} beside {@code COPY}, {@code REPLACE})
 */
public record ControlDialect(
        String name,
        String taggingOperation,
        Set<String> operations,
        String csvFormat,
        String inventoryFormat,
        String reportFormatName,
        ReportFormat reportFormat,
        Pattern objectArn,
        Pattern bucketArn,
        Pattern roleArn,
        String roleArnExample,
        String arnPrefix,
        boolean manifestEtagRequired,
        boolean jobArns,
        boolean generator,
        boolean copyDirectives) {

    public static final ControlDialect AWS = new ControlDialect("AWS", "S3PutObjectTagging",
            Set.of("LambdaInvoke", "S3PutObjectCopy", "S3PutObjectAcl", "S3PutObjectTagging", "S3DeleteObjectTagging",
                    "S3InitiateRestoreObject", "S3PutObjectLegalHold", "S3PutObjectRetention", "S3ReplicateObject",
                    "S3ComputeObjectChecksum", "S3UpdateObjectEncryption"),
            "S3BatchOperations_CSV_20180820", "S3InventoryReport_CSV_20161130", "Report_CSV_20180820",
            ReportFormat.AWS_REPORT_CSV_20180820,
            Pattern.compile("arn:[^:]+:s3:[^:]*:[^:]*:(?<bucket>[^/]+)/(?<key>.+)"),
            Pattern.compile("arn:[^:]+:s3:[^:]*:[^:]*:(?<bucket>[^/]+)"),
            Pattern.compile("arn:[^:]+:iam::\\d{12}:role/.+"), "arn:<partition>:iam::<account-id>:role/<name>",
            "arn:aws:s3:::", true, true, true, false);

    public static final ControlDialect COS = new ControlDialect("COS", "COSPutObjectTagging",
            Set.of("COSPutObjectCopy", "COSInitiateRestoreObject", "COSDeleteObject", "COSPutObjectTagging"),
            "COSBatchOperations_CSV_V1", "COSInventoryReport_CSV_V1", "Report_CSV_V1",
            ReportFormat.COS_REPORT_CSV_V1,
            Pattern.compile("qcs::cos:[^:]*:[^:]*:(?<bucket>[^/:]+)/(?<key>.+)"),
            Pattern.compile("qcs::cos:[^:]*:(?:uid/[^:]*)?:(?<bucket>[^/:]+)"),
            Pattern.compile("qcs::cam::uin/\\d+:roleName/.+"), "qcs::cam::uin/<uin>:roleName/<role>",
            "qcs::cos:::", false, false, false, true);

    /**
     * This dialect with another set of operations and COS's copy directives (the console's: AWS's shape, what s3batch
     * runs).
     */
    public ControlDialect withOperations(Set<String> operations) {
        return new ControlDialect(name, taggingOperation, Set.copyOf(operations), csvFormat, inventoryFormat, reportFormatName, reportFormat,
                objectArn, bucketArn, roleArn, roleArnExample, arnPrefix, manifestEtagRequired, jobArns, generator, true);
    }

    /** The bucket and key of an object ARN, or null when {@code arn} is not one. */
    String[] object(String arn) {
        Matcher m = objectArn.matcher(arn);
        return m.matches() ? new String[]{m.group("bucket"), m.group("key")} : null;
    }

    /** The bucket of a bucket ARN, or null. */
    String bucket(String arn) {
        Matcher m = bucketArn.matcher(arn);
        return m.matches() ? m.group("bucket") : null;
    }
}
