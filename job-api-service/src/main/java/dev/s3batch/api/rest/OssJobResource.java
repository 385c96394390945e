package dev.s3batch.api.rest;

import dev.s3batch.api.auth.Authenticator;
import dev.s3batch.api.auth.Authenticator.Caller;
import dev.s3batch.api.auth.Verified;
import dev.s3batch.api.auth.SignedRequest;
import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.oss.OssCreateJobReader;
import dev.s3batch.api.dialect.oss.OssErrors;
import dev.s3batch.api.dialect.oss.OssJobWriter;
import dev.s3batch.api.messaging.OutboxRelay;
import dev.s3batch.api.dialect.Params;
import dev.s3batch.api.dialect.UpdateResults;
import dev.s3batch.api.service.JobControl;
import dev.s3batch.api.service.JobService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The Alibaba OSS batch-job API: service-level requests on {@code /}, the operation named by a sub-resource query key
 * ({@code ?batchJob}, {@code ?batchJobPriority}, {@code ?batchJobStatus}) in any position, with or without {@code =}.
 */
@Path("/")
public class OssJobResource {
    private static final Logger LOG = Logger.getLogger(OssJobResource.class);

    private final JobService jobs;
    private final ApiConfig config;
    private final OutboxRelay relay;
    private final JobControl control;
    private final Authenticator auth;

    public OssJobResource(JobService jobs, JobControl control, ApiConfig config, OutboxRelay relay, Authenticator auth) {
        this.auth = auth;
        this.jobs = jobs;
        this.control = control;
        this.config = config;
        this.relay = relay;
    }

    @POST
    @Consumes("*/*")
    public Uni<Response> post(UriInfo uri, HttpServerRequest http, byte[] body) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        SignedRequest request = SignedRequest.of(http, body);
        Caller caller = caller(request);
        if (q.containsKey("batchJob")) {
            var create = OssCreateJobReader.readRequest(new String(body, StandardCharsets.UTF_8), caller.account());
            // idempotent with its token; without one, a replay would create another job
            return auth.admitted(caller, request, !create.tokenGiven(),
                    () -> jobs.create(create.spec()).invoke(id -> relay.wake()).map(id -> xml(OssJobWriter.createJobResult(id))));
        }
        if (q.containsKey("batchJobPriority")) {
            UUID id = Params.jobId(required(q, "batchJobId"));
            int priority = Params.priority(q.getFirst("targetPriority"), "targetPriority");
            return auth.admitted(caller, request, true, // a replay could undo a later change
                    () -> control.updatePriority(caller.account(), id, priority).map(p -> xml(UpdateResults.priority(id, p))));
        }
        if (q.containsKey("batchJobStatus")) {
            UUID id = Params.jobId(required(q, "batchJobId"));
            var requested = Params.requestedStatus(q.getFirst("requestedJobStatus"), "requestedJobStatus");
            String reason = Params.reason(q.getFirst("statusUpdateReason"), "statusUpdateReason");
            return auth.admitted(caller, request, false, // one-way: a replay cannot undo a later change
                    () -> control.updateStatus(caller.account(), id, requested, reason).map(status -> xml(UpdateResults.status(id, status, reason))));
        }
        throw new ApiException(ApiError.INVALID_REQUEST, "Unknown operation: expected the batchJob sub-resource.");
    }

    @GET
    public Uni<Response> get(UriInfo uri, HttpServerRequest http) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String account = caller(SignedRequest.of(http, null)).account();
        if (!q.containsKey("batchJob")) {
            throw new ApiException(ApiError.INVALID_REQUEST, "Unknown operation: expected the batchJob sub-resource.");
        }
        String id = q.getFirst("batchJobId");
        if (id != null) {
            return jobs.describe(account, Params.jobId(id)).map(job -> xml(OssJobWriter.describeJobResult(job)));
        }
        // ListJobs: batchJobStatuses is one parameter, '|'-separated (the SDK sends "Active | Cancelled")
        Params.known(q.keySet(), LIST_PARAMETERS, "ListJobs");
        String filter = q.getFirst("batchJobStatuses");
        var statuses = Params.statuses(filter == null ? List.of() : List.of(filter.split("\\|")), "batchJobStatuses");
        int max = Params.pageSize(q.getFirst("max-keys"), "max-keys", 100, 1000, false);
        var from = Params.epochSeconds(q.getFirst(CREATED_FROM), CREATED_FROM);
        var to = Params.epochSeconds(q.getFirst(CREATED_TO), CREATED_TO);
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.invalid(CREATED_FROM + " must not be after " + CREATED_TO + ".");
        }
        // whole seconds, both ends inclusive: a job created at 12.7 s matches an end of 12
        return control.list(account, statuses, from, to == null ? null : to.plusSeconds(1), max, q.getFirst("continuation-token"))
                .map(page -> xml(OssJobWriter.listJobsResult(page)));
    }

    /**
     * The creation-time range of ListJobs, in epoch seconds like {@code CreationTime}, both bounds inclusive. Alibaba's
     * console filters by creation time, but its ListJobs API reference names no parameter for it; these are s3batch's.
     */
    static final String CREATED_FROM = "creation-time-start";
    static final String CREATED_TO = "creation-time-end";
    private static final java.util.Set<String> LIST_PARAMETERS = java.util.Set.of("batchJob", "batchJobStatuses", "max-keys",
            "continuation-token", CREATED_FROM, CREATED_TO);

    private static String required(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        if (v == null || v.isBlank()) {
            throw ApiException.missing(name);
        }
        return v;
    }

    /** The signing account (OSS V1 or V4); with authentication off, the configured default account. */
    private Caller caller(SignedRequest request) {
        if (!auth.enabled()) {
            return new Caller(config.defaultAccountId(), null);
        }
        Verified verified = auth.oss(request);
        return new Caller(verified.principal().accountName(), verified);
    }

    private static Response xml(String body) {
        return Response.ok(body, "application/xml").build();
    }

    @ServerExceptionMapper
    public Response error(ApiException e, HttpHeaders headers) {
        return OssErrors.render(e.error(), e.getMessage(), UUID.randomUUID().toString(), headers.getHeaderString("Host"));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpHeaders headers) {
        String requestId = UUID.randomUUID().toString();
        LOG.errorf(e, "request %s failed", requestId);
        return OssErrors.render(ApiError.INTERNAL, "We encountered an internal error. Please try again.", requestId,
                headers.getHeaderString("Host"));
    }
}
