package dev.s3batch.api.rest;

import dev.s3batch.api.auth.Authenticator;
import dev.s3batch.api.auth.Verified;
import dev.s3batch.api.auth.SignedRequest;
import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.control.ControlDialect;
import dev.s3batch.api.dialect.cos.CosErrors;
import dev.s3batch.api.messaging.OutboxRelay;
import dev.s3batch.api.service.JobControl;
import dev.s3batch.api.service.JobService;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The Tencent COS batch-job API under {@code /jobs} (the host {@code <UIN>.cos-control.<region>.myqcloud.com} or any
 * other): the five job operations, the account being the {@code x-cos-appid} header.
 */
@Path("/jobs")
public class CosJobResource extends ControlJobResource {
    private static final Logger LOG = Logger.getLogger(CosJobResource.class);

    public CosJobResource(JobService jobs, JobControl control, OutboxRelay relay, ApiConfig config, Authenticator auth) {
        super(ControlDialect.COS, jobs, control, relay, config, auth);
    }

    /** {@code x-cos-appid}: required, 1–64 characters. */
    @Override
    protected String headerAccountId(SignedRequest request) {
        String appId = request.header("x-cos-appid");
        if (appId == null || appId.isBlank() || appId.length() > 64) {
            throw ApiException.invalid("x-cos-appid must be the account's APPID (1 to 64 characters).");
        }
        return appId.trim();
    }

    @Override
    protected boolean zeroPageSizeIsDefault() {
        return false;
    }

    @Override
    protected Verified verify(SignedRequest request) {
        return auth.cos(request);
    }

    @Override
    protected Optional<String> dialectId(ApiConfig.Account account) {
        return account.cosAppId();
    }

    @ServerExceptionMapper
    public Response error(ApiException e, UriInfo uri) {
        return CosErrors.render(e.error(), e.getMessage(), uri.getPath(), UUID.randomUUID().toString());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        String requestId = UUID.randomUUID().toString();
        LOG.errorf(e, "request %s failed", requestId);
        return CosErrors.render(ApiError.INTERNAL, "We encountered an internal error. Please try again.", uri.getPath(), requestId);
    }
}
