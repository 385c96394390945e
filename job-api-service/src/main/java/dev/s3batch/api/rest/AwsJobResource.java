package dev.s3batch.api.rest;

import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.Params;
import dev.s3batch.api.dialect.TagSets;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.api.dialect.aws.AwsCreateJobReader;
import dev.s3batch.api.dialect.aws.AwsErrors;
import dev.s3batch.api.dialect.aws.AwsJobWriter;
import dev.s3batch.api.messaging.OutboxRelay;
import dev.s3batch.api.service.JobControl;
import dev.s3batch.api.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The AWS S3 Control batch-job API under {@code /v20180820/jobs}. The account is the {@code x-amz-account-id} header,
 * which every AWS client sends (the host's account label is ignored, so bare {@code host:port} works too).
 */
@Path("/v20180820/jobs")
public class AwsJobResource {
    private static final Logger LOG = Logger.getLogger(AwsJobResource.class);

    private final JobService jobs;
    private final JobControl control;
    private final OutboxRelay relay;
    private final ApiConfig config;

    public AwsJobResource(JobService jobs, JobControl control, OutboxRelay relay, ApiConfig config) {
        this.jobs = jobs;
        this.control = control;
        this.relay = relay;
        this.config = config;
    }

    @POST
    @Consumes("*/*")
    public Uni<Response> createJob(@HeaderParam("x-amz-account-id") String accountId, String body) {
        String account = account(accountId);
        var request = AwsCreateJobReader.read(body, account);
        return jobs.create(request.spec(), request.jobTags()).invoke(id -> relay.wake())
                .map(id -> xml(AwsJobWriter.createJobResult(id)));
    }

    @GET
    @Path("{id}")
    public Uni<Response> describeJob(@HeaderParam("x-amz-account-id") String accountId, @PathParam("id") String id) {
        return jobs.describe(account(accountId), Params.jobId(id)).map(job -> xml(AwsJobWriter.describeJobResult(job, config.region())));
    }

    @GET
    public Uni<Response> listJobs(@HeaderParam("x-amz-account-id") String accountId, @QueryParam("jobStatuses") List<String> statuses,
            @QueryParam("maxResults") String maxResults, @QueryParam("nextToken") String nextToken) {
        String account = account(accountId);
        try {
            var filter = Params.statuses(statuses, "jobStatuses");
            int max = Params.pageSize(maxResults, "maxResults", 1000, 1000);
            return control.list(account, filter, max, nextToken).map(page -> xml(AwsJobWriter.listJobsResult(page)));
        } catch (ApiException e) {
            // ListJobs models InvalidRequestException, not BadRequestException, for bad parameters
            throw e.error() == ApiError.INVALID_ARGUMENT ? new ApiException(ApiError.INVALID_REQUEST, e.getMessage()) : e;
        }
    }

    @POST
    @Path("{id}/priority")
    public Uni<Response> updateJobPriority(@HeaderParam("x-amz-account-id") String accountId, @PathParam("id") String id,
            @QueryParam("priority") String priority) {
        String account = account(accountId);
        UUID jobId = Params.jobId(id);
        int p = Params.priority(priority, "priority");
        return control.updatePriority(account, jobId, p).map(v -> xml(AwsJobWriter.updateJobPriorityResult(jobId, v)));
    }

    @POST
    @Path("{id}/status")
    public Uni<Response> updateJobStatus(@HeaderParam("x-amz-account-id") String accountId, @PathParam("id") String id,
            @QueryParam("requestedJobStatus") String requested, @QueryParam("statusUpdateReason") String reason) {
        String account = account(accountId);
        UUID jobId = Params.jobId(id);
        var status = Params.requestedStatus(requested, "requestedJobStatus");
        String why = Params.reason(reason, "statusUpdateReason");
        return control.updateStatus(account, jobId, status, why).map(s -> xml(AwsJobWriter.updateJobStatusResult(jobId, s, why)));
    }

    @GET
    @Path("{id}/tagging")
    public Uni<Response> getJobTagging(@HeaderParam("x-amz-account-id") String accountId, @PathParam("id") String id) {
        return control.tags(account(accountId), Params.jobId(id)).map(tags -> xml(AwsJobWriter.getJobTaggingResult(tags)));
    }

    @PUT
    @Path("{id}/tagging")
    @Consumes("*/*")
    public Uni<Response> putJobTagging(@HeaderParam("x-amz-account-id") String accountId, @PathParam("id") String id, String body) {
        String account = account(accountId);
        UUID jobId = Params.jobId(id);
        var tags = TagSets.read(XmlBodies.items(XmlBodies.child(XmlBodies.parse(body), "Tags")
                .orElseThrow(() -> ApiException.invalid("The request is missing Tags."))), "Tags");
        return control.putTags(account, jobId, tags).map(v -> xml(AwsJobWriter.empty("PutJobTaggingResult")));
    }

    @DELETE
    @Path("{id}/tagging")
    public Uni<Response> deleteJobTagging(@HeaderParam("x-amz-account-id") String accountId, @PathParam("id") String id) {
        return control.putTags(account(accountId), Params.jobId(id), List.of()).map(v -> xml(AwsJobWriter.empty("DeleteJobTaggingResult")));
    }

    /** The account id header: required, twelve digits. */
    static String account(String accountId) {
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw ApiException.invalid("x-amz-account-id must be a 12-digit account id.");
        }
        return accountId;
    }

    private static Response xml(String body) {
        return Response.ok(body, "application/xml").build();
    }

    @ServerExceptionMapper
    public Response error(ApiException e) {
        return AwsErrors.render(e.error(), e.getMessage(), UUID.randomUUID().toString());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String requestId = UUID.randomUUID().toString();
        LOG.errorf(e, "request %s failed", requestId);
        return AwsErrors.render(ApiError.INTERNAL, "We encountered an internal error. Please try again.", requestId);
    }
}
