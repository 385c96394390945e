package dev.s3batch.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.control.ControlDialect;
import dev.s3batch.api.dialect.control.ControlJobReader;
import dev.s3batch.model.job.Operation;
import org.junit.jupiter.api.Test;

/** The wizard's request is AWS's CreateJob as JSON: read by the AWS dialect's reader, refused with its messages. */
class ConsoleRequestsTests {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FORM = """
            {"ClientRequestToken": "t-1", "ConfirmationRequired": "true", "Priority": "42", "Description": "from the console",
             "RoleArn": "arn:aws:iam::123456789012:role/batch-role",
             "Manifest": {"Spec": {"Format": "S3BatchOperations_CSV_20180820", "Fields": {"member": ["Bucket", "Key"]}},
                          "Location": {"ObjectArn": "arn:aws:s3:::manifests/list.csv", "ETag": "abc"}},
             "Operation": {"S3PutObjectTagging": {"TagSet": {"member": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]}}},
             "Report": {"Enabled": "true", "Bucket": "arn:aws:s3:::reports", "Format": "Report_CSV_20180820", "Prefix": "p", "ReportScope": "AllTasks"}}
            """;
    static final String XML = """
            <CreateJobRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">
              <ClientRequestToken>t-1</ClientRequestToken><ConfirmationRequired>true</ConfirmationRequired><Priority>42</Priority>
              <Description>from the console</Description><RoleArn>arn:aws:iam::123456789012:role/batch-role</RoleArn>
              <Manifest><Spec><Format>S3BatchOperations_CSV_20180820</Format><Fields><member>Bucket</member><member>Key</member></Fields></Spec>
                <Location><ObjectArn>arn:aws:s3:::manifests/list.csv</ObjectArn><ETag>abc</ETag></Location></Manifest>
              <Operation><S3PutObjectTagging><TagSet><member><Key>a</Key><Value>1</Value></member><member><Key>b</Key><Value>2</Value></member></TagSet></S3PutObjectTagging></Operation>
              <Report><Enabled>true</Enabled><Bucket>arn:aws:s3:::reports</Bucket><Format>Report_CSV_20180820</Format><Prefix>p</Prefix><ReportScope>AllTasks</ReportScope></Report>
            </CreateJobRequest>""";

    @Test
    void theWizardsRequestIsTheJobTheAwsApiMakesOfTheSameRequest() throws Exception {
        ControlJobReader.Request fromConsole = ConsoleRequests.read(JSON.readTree(FORM), "local");
        ControlJobReader.Request fromAws = new ControlJobReader(ControlDialect.AWS).read(XML, "local");
        assertEquals(fromAws, fromConsole);
    }

    @Test
    void deleteIsOfferedThoughAwsHasNone() throws Exception {
        JsonNode form = JSON.readTree(FORM.replace("\"S3PutObjectTagging\": {\"TagSet\": {\"member\": [{\"Key\": \"a\", \"Value\": \"1\"}, {\"Key\": \"b\", \"Value\": \"2\"}]}}",
                "\"COSDeleteObject\": {}"));
        assertEquals(new Operation.DeleteObject(), ConsoleRequests.read(form, "local").spec().operation());
        assertTrue(ConsoleRequests.OPERATIONS.contains("COSDeleteObject"));
        assertTrue(!ConsoleRequests.OPERATIONS.contains("S3UpdateObjectEncryption"), "not built: not offered");
    }

    @Test
    void refusalsAreTheApisOwn() throws Exception {
        ApiException priority = assertThrows(ApiException.class, () -> ConsoleRequests.read(JSON.readTree(FORM.replace("\"42\"", "\"-1\"")), "local"));
        assertEquals(ApiError.INVALID_ARGUMENT, priority.error());
        assertTrue(priority.getMessage().startsWith("Priority"), priority.getMessage());
        ApiException noEtag = assertThrows(ApiException.class, () -> ConsoleRequests.read(JSON.readTree(FORM.replace("\"ETag\": \"abc\"", "\"ETag\": \"\"")), "local"));
        assertTrue(noEtag.getMessage().contains("Manifest/Location/ETag"), noEtag.getMessage());
    }

    @Test
    void hostileShapesAreRefusedAsMalformed() throws Exception {
        for (String bad : new String[]{"[]", "{\"<script>\": \"x\"}", "{\"Operation\": [[\"x\"]]}", "{\"a b\": 1}",
                "{\"A\":".repeat(20) + "1" + "}".repeat(20)}) {
            ApiException e = assertThrows(ApiException.class, () -> ConsoleRequests.read(JSON.readTree(bad), "local"), bad);
            assertEquals(ApiError.MALFORMED_BODY, e.error(), bad + ": " + e.getMessage());
        }
    }
}
