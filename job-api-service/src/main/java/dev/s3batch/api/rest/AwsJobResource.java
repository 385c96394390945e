package dev.s3batch.api.rest;

import dev.s3batch.api.auth.Authenticator;
import dev.s3batch.api.auth.Verified;
import dev.s3batch.api.auth.SignedRequest;
import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.Params;
import dev.s3batch.api.dialect.TagSets;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.api.dialect.aws.AwsErrors;
import dev.s3batch.api.dialect.control.ControlDialect;
import dev.s3batch.api.messaging.OutboxRelay;
import dev.s3batch.api.service.JobControl;
import dev.s3batch.api.service.JobService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The AWS S3 Control batch-job API under {@code /v20180820/jobs}: the five job operations plus job tagging. The
 * account is the {@code x-amz-account-id} header, which every AWS client sends (the host's account label is ignored,
 * so a bare {@code host:port} works too).
 */
@Path("/v20180820/jobs")
public class AwsJobResource extends ControlJobResource {
    private static final Logger LOG = Logger.getLogger(AwsJobResource.class);

    public AwsJobResource(JobService jobs, JobControl control, OutboxRelay relay, ApiConfig config, Authenticator auth) {
        super(ControlDialect.AWS, jobs, control, relay, config, auth);
    }

    /** {@code x-amz-account-id}: required, twelve digits. */
    @Override
    protected String headerAccountId(SignedRequest request) {
        String accountId = request.header("x-amz-account-id");
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw ApiException.invalid("x-amz-account-id must be a 12-digit account id.");
        }
        return accountId;
    }

    @Override
    protected Verified verify(SignedRequest request) {
        return auth.aws(request);
    }

    @Override
    protected Optional<String> dialectId(ApiConfig.Account account) {
        return account.awsAccountId();
    }

    @Override
    protected ApiException listError(ApiException e) {
        return asInvalidRequest(e);
    }

    @GET
    @Path("{id}/tagging")
    public Uni<Response> getJobTagging(HttpServerRequest http, @PathParam("id") String id) {
        return control.tags(caller(SignedRequest.of(http, null)).account(), Params.jobId(id)).map(tags -> xml(writer.getJobTaggingResult(tags)));
    }

    @PUT
    @Path("{id}/tagging")
    @Consumes("*/*")
    public Uni<Response> putJobTagging(HttpServerRequest http, @PathParam("id") String id, byte[] body) {
        SignedRequest request = SignedRequest.of(http, body);
        var caller = caller(request);
        UUID jobId = Params.jobId(id);
        var tags = TagSets.jobTags(XmlBodies.items(XmlBodies.child(XmlBodies.parse(new String(body, StandardCharsets.UTF_8), "PutJobTaggingRequest"), "Tags")
                .orElseThrow(() -> ApiException.missing("Tags"))), "Tags");
        return auth.admitted(caller, request, true, () -> control.putTags(caller.account(), jobId, tags).map(v -> xml(writer.empty("PutJobTaggingResult"))));
    }

    @DELETE
    @Path("{id}/tagging")
    public Uni<Response> deleteJobTagging(HttpServerRequest http, @PathParam("id") String id) {
        SignedRequest request = SignedRequest.of(http, null);
        var caller = caller(request);
        UUID jobId = Params.jobId(id);
        return auth.admitted(caller, request, true, () -> control.putTags(caller.account(), jobId, List.of()).map(v -> xml(writer.empty("DeleteJobTaggingResult"))));
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
