package dev.s3batch.api.rest;

import dev.s3batch.api.auth.Authenticator;
import dev.s3batch.api.auth.Authenticator.Caller;
import dev.s3batch.api.auth.SignedRequest;
import dev.s3batch.api.auth.Verified;
import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.Params;
import dev.s3batch.api.dialect.UpdateResults;
import dev.s3batch.api.dialect.control.ControlDialect;
import dev.s3batch.api.dialect.control.ControlJobReader;
import dev.s3batch.api.dialect.control.ControlJobWriter;
import dev.s3batch.api.messaging.OutboxRelay;
import dev.s3batch.api.service.JobControl;
import dev.s3batch.api.service.JobService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The five job operations of the AWS-shaped APIs (AWS S3 Control, Tencent COS): CreateJob, DescribeJob, ListJobs,
 * UpdateJobPriority and UpdateJobStatus. Subclasses give the path, the account header and the error document.
 */
public abstract class ControlJobResource {
    protected final JobService jobs;
    protected final JobControl control;
    protected final OutboxRelay relay;
    protected final ApiConfig config;
    protected final ControlJobReader reader;
    protected final ControlJobWriter writer;
    protected final Authenticator auth;

    protected ControlJobResource(ControlDialect dialect, JobService jobs, JobControl control, OutboxRelay relay, ApiConfig config,
            Authenticator auth) {
        this.auth = auth;
        this.jobs = jobs;
        this.control = control;
        this.relay = relay;
        this.config = config;
        this.reader = new ControlJobReader(dialect);
        this.writer = new ControlJobWriter(dialect);
    }

    /** The dialect's own id of the account, as its header names it (for ARNs); refused when missing or malformed. */
    protected abstract String headerAccountId(SignedRequest request);

    /** Verifies the request's signature with the dialect's scheme. */
    protected abstract Verified verify(SignedRequest request);

    /** The id the account goes by in this dialect, if it has one. */
    protected abstract Optional<String> dialectId(ApiConfig.Account account);

    /**
     * Who the request acts for: the account whose key signed it, which must go by the dialect's account header
     * (refused with the dialect's 403 otherwise); with authentication off, the header's account.
     */
    protected Caller caller(SignedRequest request) {
        String headerId = headerAccountId(request);
        if (!auth.enabled()) {
            return new Caller(headerId, null);
        }
        Verified verified = verify(request);
        if (!dialectId(verified.principal().account()).filter(headerId::equals).isPresent()) {
            throw new ApiException(ApiError.ACCESS_DENIED, "The account id in the request does not belong to the signing account.");
        }
        return new Caller(verified.principal().accountName(), verified);
    }

    @POST
    @Consumes("*/*")
    public Uni<Response> createJob(HttpServerRequest http, byte[] body) {
        SignedRequest signed = SignedRequest.of(http, body);
        Caller caller = caller(signed);
        var request = reader.read(new String(body, StandardCharsets.UTF_8), caller.account());
        return auth.admitted(caller, signed, false, () -> jobs.create(request.spec(), request.jobTags()) // idempotent: its token
                .invoke(id -> relay.wake()).map(id -> xml(writer.createJobResult(id))));
    }

    @GET
    @Path("{id}")
    public Uni<Response> describeJob(HttpServerRequest http, @PathParam("id") String id) {
        SignedRequest request = SignedRequest.of(http, null);
        return jobs.describe(caller(request).account(), Params.jobId(id))
                .map(job -> xml(writer.describeJobResult(job, config.region(), headerAccountId(request))));
    }

    @GET
    public Uni<Response> listJobs(HttpServerRequest http, @QueryParam("jobStatuses") List<String> statuses,
            @QueryParam("maxResults") String maxResults, @QueryParam("nextToken") String nextToken) {
        String account = caller(SignedRequest.of(http, null)).account();
        try {
            List<String> names = new ArrayList<>();
            statuses.forEach(s -> names.addAll(List.of(s.split(",")))); // repeated (AWS) or one comma list (COS)
            var filter = Params.statuses(names, "jobStatuses");
            int max = Params.pageSize(maxResults, "maxResults", 1000, 1000, zeroPageSizeIsDefault());
            return control.list(account, filter, max, nextToken).map(page -> xml(writer.listJobsResult(page)));
        } catch (ApiException e) {
            throw listError(e);
        }
    }

    /** Whether {@code maxResults=0} means the default page size (AWS: 0–1000) or is refused (COS: 1–1000). */
    protected boolean zeroPageSizeIsDefault() {
        return true;
    }

    /** How ListJobs answers a bad parameter (AWS models InvalidRequestException there). */
    protected ApiException listError(ApiException e) {
        return e;
    }

    @POST
    @Path("{id}/priority")
    public Uni<Response> updateJobPriority(HttpServerRequest http, @PathParam("id") String id, @QueryParam("priority") String priority) {
        SignedRequest request = SignedRequest.of(http, null);
        Caller caller = caller(request);
        UUID jobId = Params.jobId(id);
        int p = Params.priority(priority, "priority");
        return auth.admitted(caller, request, true,
                () -> control.updatePriority(caller.account(), jobId, p).map(v -> xml(UpdateResults.priority(jobId, v))));
    }

    @POST
    @Path("{id}/status")
    public Uni<Response> updateJobStatus(HttpServerRequest http, @PathParam("id") String id,
            @QueryParam("requestedJobStatus") String requested, @QueryParam("statusUpdateReason") String reason) {
        SignedRequest request = SignedRequest.of(http, null);
        Caller caller = caller(request);
        UUID jobId = Params.jobId(id);
        var status = Params.requestedStatus(requested, "requestedJobStatus");
        String why = Params.reason(reason, "statusUpdateReason");
        return auth.admitted(caller, request, false, // one-way: a replay cannot undo a later change
                () -> control.updateStatus(caller.account(), jobId, status, why).map(s -> xml(UpdateResults.status(jobId, s, why))));
    }

    protected static Response xml(String body) {
        return Response.ok(body, "application/xml").build();
    }

    /** The invalid-request form of a list error. */
    protected static ApiException asInvalidRequest(ApiException e) {
        return e.error() == ApiError.INVALID_ARGUMENT ? new ApiException(ApiError.INVALID_REQUEST, e.getMessage()) : e;
    }
}
