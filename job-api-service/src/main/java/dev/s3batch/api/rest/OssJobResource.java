package dev.s3batch.api.rest;

import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.oss.OssCreateJobReader;
import dev.s3batch.api.dialect.oss.OssErrors;
import dev.s3batch.api.dialect.oss.OssJobWriter;
import dev.s3batch.api.messaging.OutboxRelay;
import dev.s3batch.api.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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

    public OssJobResource(JobService jobs, ApiConfig config, OutboxRelay relay) {
        this.jobs = jobs;
        this.config = config;
        this.relay = relay;
    }

    @POST
    @Consumes("*/*")
    public Uni<Response> post(UriInfo uri, String body) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        if (q.containsKey("batchJob")) {
            return Uni.createFrom().item(() -> OssCreateJobReader.read(body, account()))
                    .flatMap(jobs::create)
                    .invoke(id -> relay.wake())
                    .map(id -> xml(OssJobWriter.createJobResult(id)));
        }
        if (q.containsKey("batchJobPriority") || q.containsKey("batchJobStatus")) {
            throw new ApiException(ApiError.NOT_IMPLEMENTED, "UpdateJobPriority and UpdateJobStatus are not implemented yet.");
        }
        throw new ApiException(ApiError.INVALID_REQUEST, "Unknown operation: expected the batchJob sub-resource.");
    }

    @GET
    public Uni<Response> get(UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        if (!q.containsKey("batchJob")) {
            throw new ApiException(ApiError.INVALID_REQUEST, "Unknown operation: expected the batchJob sub-resource.");
        }
        String id = q.getFirst("batchJobId");
        if (id == null) {
            throw new ApiException(ApiError.NOT_IMPLEMENTED, "ListJobs is not implemented yet; give batchJobId to describe a job.");
        }
        return jobs.describe(account(), jobId(id)).map(job -> xml(OssJobWriter.describeJobResult(job)));
    }

    private String account() {
        return config.defaultAccountId();
    }

    private static UUID jobId(String id) {
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.NO_SUCH_JOB, "The specified job does not exist.");
        }
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
