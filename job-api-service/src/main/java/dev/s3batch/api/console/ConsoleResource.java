package dev.s3batch.api.console;

import static dev.s3batch.api.console.ConsoleJson.JSON;
import static dev.s3batch.api.console.ConsoleJson.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.ErrorCodes;
import dev.s3batch.api.dialect.Params;
import dev.s3batch.api.dialect.control.ControlJobReader;
import dev.s3batch.api.service.JobControl;
import dev.s3batch.api.service.JobService;
import dev.s3batch.api.service.JobView;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.role.Role;
import dev.s3batch.model.role.Roles;
import dev.s3batch.model.role.RolesConfig;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The web console's JSON API ({@code /console/api}), for the pages under {@code /console/}: sign-in and sign-out; the
 * signed-in account's jobs, their history, Confirm, Cancel and priority; the Create Job wizard's choices (roles,
 * buckets, a manifest's ETag), its check and its job; a job's report files. Everything goes through the job services
 * the dialect APIs use ({@link JobControl}, {@link JobService}, the AWS dialect's reader), so the rules and messages
 * are theirs. Every request but sign-in needs the session cookie; every state change also the session's CSRF token
 * in {@code X-CSRF-Token}, and a JSON body (a form another site posts cannot be one without the browser asking first).
 */
@Path("/console/api")
@Produces(MediaType.APPLICATION_JSON)
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Console", description = "The web console's JSON API (/console/): "
        + "sign in with an access key for a session cookie; every change also carries the session's X-CSRF-Token")
public class ConsoleResource {
    static final String COOKIE = "s3batch_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConsoleResource.class);
    /** Jobs per page of the list, at most. */
    static final int MAX_PAGE = 100;
    /** Rows of failed tasks the job page previews. */
    static final int PREVIEW_ROWS = 20;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ConsoleSessions sessions;
    private final JobControl control;
    private final JobService jobs;
    private final ConsoleStore store;
    private final ConsoleReports reports;
    private final ApiConfig api;
    private final Roles roles = RolesConfig.read(ConfigProvider.getConfig());

    public ConsoleResource(ConsoleSessions sessions, JobControl control, JobService jobs, ConsoleStore store, ApiConfig api) {
        this.sessions = sessions;
        this.control = control;
        this.jobs = jobs;
        this.store = store;
        this.api = api;
        this.reports = new ConsoleReports(store);
    }

    /** Signs in with an access key id and its secret: the session cookie, and the session's account and CSRF token. */
    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> signIn(HttpServerRequest http, @CookieParam(COOKIE) String previous, String body) {
        JsonNode form = parse(body);
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return sessions.signIn(form.path("accessKeyId").asText(""), form.path("secretAccessKey").asText(""), address)
                // the browser's previous session (another account's, say) ends with this sign-in
                .call(signedIn -> sessions.find(previous).flatMap(p -> p.map(s -> sessions.end(s.idHash())).orElse(Uni.createFrom().voidItem())))
                .map(signedIn -> Response.ok(ConsoleJson.session(signedIn.session()).toString())
                        .header("Set-Cookie", COOKIE + "=" + signedIn.cookieValue() + "; Path=/console; Max-Age="
                                + sessions.maxAge().toSeconds() + "; HttpOnly; SameSite=Strict" + (secure(http) ? "; Secure" : ""))
                        .build())
                .onFailure(ConsoleSessions.Refused.class).recoverWithItem(e -> {
                    ConsoleSessions.Refused refused = (ConsoleSessions.Refused) e;
                    boolean locked = !refused.retryAfter().isZero();
                    Response.ResponseBuilder r = Response.status(locked ? 429 : 401).type(MediaType.APPLICATION_JSON)
                            .entity(error(locked ? "SlowDown" : "InvalidAccessKeyId", refused.getMessage()).toString());
                    return (locked ? r.header("Retry-After", refused.retryAfter().toSeconds()) : r).build();
                });
    }

    /** The signed-in session: account, key id, CSRF token, expiry. */
    @GET
    @Path("session")
    public Uni<Response> current(@CookieParam(COOKIE) String cookie) {
        return signedIn(cookie, null, false, s -> Uni.createFrom().item(ok(ConsoleJson.session(s))));
    }

    /** Signs out: the session ends and the cookie is cleared. */
    @DELETE
    @Path("session")
    public Uni<Response> signOut(HttpServerRequest http, @CookieParam(COOKIE) String cookie, @HeaderParam(CSRF_HEADER) String csrf) {
        return signedIn(cookie, csrf, true, s -> sessions.end(s.idHash()).map(v -> Response.noContent()
                .header("Set-Cookie", COOKIE + "=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict" + (secure(http) ? "; Secure" : ""))
                .build()));
    }

    /**
     * The account's jobs, newest first: optionally only some statuses ({@code status}, repeated or comma-separated) and
     * a creation-time range ({@code createdFrom} inclusive, {@code createdBefore} exclusive, ISO-8601 instants).
     */
    @GET
    @Path("jobs")
    public Uni<Response> list(@CookieParam(COOKIE) String cookie, @QueryParam("status") List<String> status,
            @QueryParam("createdFrom") String from, @QueryParam("createdBefore") String before,
            @QueryParam("max") String max, @QueryParam("nextToken") String nextToken) {
        return signedIn(cookie, null, false, s -> {
            List<String> names = new ArrayList<>();
            (status == null ? List.<String>of() : status).forEach(v -> names.addAll(Arrays.asList(v.split(","))));
            Set<JobStatus> statuses = Params.statuses(names, "status");
            int size = Params.pageSize(max, "max", 20, MAX_PAGE, false);
            return control.list(s.account(), statuses, instant(from, "createdFrom"), instant(before, "createdBefore"), size, nextToken)
                    .map(page -> {
                        ObjectNode out = JSON.createObjectNode();
                        ArrayNode list = out.putArray("jobs");
                        page.jobs().forEach(j -> list.add(ConsoleJson.summary(j)));
                        out.put("nextToken", page.nextToken());
                        return ok(out);
                    });
        });
    }

    /** One job of the account, with what the job page shows. */
    @GET
    @Path("jobs/{id}")
    public Uni<Response> describe(@CookieParam(COOKIE) String cookie, @PathParam("id") String id) {
        return signedIn(cookie, null, false, s -> jobs.describe(s.account(), Params.jobId(id)).map(j -> ok(ConsoleJson.detail(j))));
    }

    /** The job's status changes, oldest first. */
    @GET
    @Path("jobs/{id}/history")
    public Uni<Response> history(@CookieParam(COOKIE) String cookie, @PathParam("id") String id) {
        return signedIn(cookie, null, false, s -> {
            UUID jobId = Params.jobId(id);
            return jobs.describe(s.account(), jobId).flatMap(j -> control.history(s.account(), jobId)).map(h -> ok(ConsoleJson.history(h)));
        });
    }

    /** Confirms ({@code {"status": "Ready"}}) or cancels ({@code {"status": "Cancelled"}}) a job. */
    @POST
    @Path("jobs/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> updateStatus(@CookieParam(COOKIE) String cookie, @HeaderParam(CSRF_HEADER) String csrf,
            @PathParam("id") String id, String body) {
        return signedIn(cookie, csrf, true, s -> {
            JsonNode form = parse(body);
            JobStatus requested = Params.requestedStatus(form.path("status").asText(null), "status");
            String reason = Params.reason(form.path("reason").asText(null), "reason");
            UUID jobId = Params.jobId(id);
            return detailAfter(s, jobId, control.updateStatus(s.account(), jobId, requested, reason));
        });
    }

    /** Changes a job's priority ({@code {"priority": n}}, 0 to 2147483647). */
    @POST
    @Path("jobs/{id}/priority")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> updatePriority(@CookieParam(COOKIE) String cookie, @HeaderParam(CSRF_HEADER) String csrf,
            @PathParam("id") String id, String body) {
        return signedIn(cookie, csrf, true, s -> {
            JsonNode form = parse(body);
            int priority = Params.priority(form.path("priority").asText(null), "priority");
            UUID jobId = Params.jobId(id);
            return detailAfter(s, jobId, control.updatePriority(s.account(), jobId, priority));
        });
    }

    /** The job as its page shows it, once {@code change} is done. */
    private Uni<Response> detailAfter(ConsoleSessions.Session s, UUID jobId, Uni<?> change) {
        return change.flatMap(v -> jobs.describe(s.account(), jobId)).map(j -> ok(ConsoleJson.detail(j)));
    }

    /** What the Create Job wizard offers: the regions, the account's roles (their AWS ARNs) and the operations. */
    @GET
    @Path("wizard")
    public Uni<Response> wizard(@CookieParam(COOKIE) String cookie) {
        return signedIn(cookie, null, false, s -> {
            ObjectNode out = JSON.createObjectNode();
            out.putArray("regions").add(api.region());
            ArrayNode list = out.putArray("roles");
            for (Role role : roles.ofAccount(s.account())) {
                role.arns().stream().filter(a -> ConsoleRequests.DIALECT.roleArn().matcher(a).matches()).findFirst()
                        .ifPresent(arn -> list.addObject().put("arn", arn).put("id", role.id()));
            }
            ArrayNode ops = out.putArray("operations");
            ConsoleRequests.OPERATIONS.stream().sorted().forEach(ops::add);
            return Uni.createFrom().item(ok(out));
        });
    }

    /** The buckets the role can list and may use. */
    @GET
    @Path("buckets")
    @Blocking
    public Response buckets(@CookieParam(COOKIE) String cookie, @QueryParam("role") String roleArn) {
        ConsoleSessions.Session s = session(cookie, null, false);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("buckets");
        store.buckets(role(s, roleArn)).forEach(list::add);
        return ok(out);
    }

    /** An object's ETag, size and last change (the manifest the wizard names), read with the role's keys. */
    @GET
    @Path("object")
    @Blocking
    public Response object(@CookieParam(COOKIE) String cookie, @QueryParam("role") String roleArn, @QueryParam("bucket") String bucket,
            @QueryParam("key") String key) {
        ConsoleSessions.Session s = session(cookie, null, false);
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty()) {
            throw ApiException.invalid("Name the manifest's bucket and key.");
        }
        ConsoleStore.Head head = store.head(role(s, roleArn), bucket, key);
        return ok(JSON.createObjectNode().put("etag", head.etag()).put("size", head.size()).put("lastModified", head.lastModified()));
    }

    /** Checks a Create Job request as CreateJob would, without creating it: the job it describes, or the API's refusal. */
    @POST
    @Path("jobs/check")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> check(@CookieParam(COOKIE) String cookie, @HeaderParam(CSRF_HEADER) String csrf, String body) {
        return signedIn(cookie, csrf, true, s -> {
            ControlJobReader.Request request = ConsoleRequests.read(parse(body), s.account());
            jobs.admissible(request.spec());
            return Uni.createFrom().item(ok(JSON.createObjectNode().put("valid", true)
                    .put("operation", request.spec().operation().name())));
        });
    }

    /** Creates the job the wizard describes (its ClientRequestToken makes a second click the same job). */
    @POST
    @Path("jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@CookieParam(COOKIE) String cookie, @HeaderParam(CSRF_HEADER) String csrf, String body) {
        return signedIn(cookie, csrf, true, s -> {
            ControlJobReader.Request request = ConsoleRequests.read(parse(body), s.account());
            return jobs.create(request.spec(), request.jobTags()).flatMap(id -> jobs.describe(s.account(), id))
                    .map(j -> Response.status(201).type(MediaType.APPLICATION_JSON).entity(ConsoleJson.detail(j).toString()).build());
        });
    }

    /** The job's report: its files (from the report's manifest.json) and the first failed rows; not ready until it ends. */
    @GET
    @Path("jobs/{id}/report")
    @Blocking
    public Response report(@CookieParam(COOKIE) String cookie, @PathParam("id") String id) {
        ConsoleSessions.Session s = session(cookie, null, false);
        JobView job = job(s, id);
        return ok(reports.summary(job, role(s, job.spec().roleArn()), PREVIEW_ROWS));
    }

    /** One report file, streamed from the store with the job role's keys. */
    @GET
    @Path("jobs/{id}/report/files/{n}")
    @Produces("text/csv")
    @Blocking
    public Response reportFile(@CookieParam(COOKIE) String cookie, @PathParam("id") String id, @PathParam("n") String n) {
        ConsoleSessions.Session s = session(cookie, null, false);
        JobView job = job(s, id);
        Role role = role(s, job.spec().roleArn());
        ConsoleReports.File file = reports.file(job, role, Params.pageSize(n, "file", 0, Integer.MAX_VALUE, false) - 1);
        StreamingOutput body = out -> {
            try (var in = store.get(role, file.bucket(), file.key())) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, "text/csv").header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"").build();
    }

    /** The account's job, for blocking endpoints (Hibernate Reactive runs on a Vert.x context, waited for here). */
    private JobView job(ConsoleSessions.Session s, String id) {
        UUID jobId = Params.jobId(id);
        try {
            return VertxContextSupport.subscribeAndAwait(() -> jobs.describe(s.account(), jobId));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A role of the session's account by its ARN. */
    private Role role(ConsoleSessions.Session s, String arn) {
        return roles.byArn(arn == null ? "" : arn).filter(r -> r.account().equals(s.account()))
                .orElseThrow(() -> new ApiException(ApiError.ACCESS_DENIED, "The role " + arn + " is not configured for this account."));
    }

    /**
     * Runs {@code action} for the cookie's session; 401 without a valid one, 403 when a state change lacks the
     * session's CSRF token.
     */
    private Uni<Response> signedIn(String cookie, String csrf, boolean changes, Function<ConsoleSessions.Session, Uni<Response>> action) {
        return sessions.find(cookie).flatMap(found -> action.apply(admitted(found.orElse(null), csrf, changes)));
    }

    /** The cookie's session, for blocking endpoints (worker threads). */
    private ConsoleSessions.Session session(String cookie, String csrf, boolean changes) {
        return admitted(sessions.find(cookie).await().atMost(WAIT).orElse(null), csrf, changes);
    }

    private static ConsoleSessions.Session admitted(ConsoleSessions.Session session, String csrf, boolean changes) {
        if (session == null) {
            throw new Refusal(401, "NotSignedIn", "Sign in to continue: the session is missing or has expired.");
        }
        if (changes && !ConsoleSessions.csrfMatches(session, csrf)) {
            throw new Refusal(403, "InvalidCsrfToken",
                    "The request did not carry this session's CSRF token (" + CSRF_HEADER + "); reload the page and try again.");
        }
        return session;
    }

    /** A console request refused before it reached the job services. */
    static final class Refusal extends RuntimeException {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    @ServerExceptionMapper
    public Response refused(Refusal e) {
        return status(e.status, error(e.code, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response apiError(ApiException e) {
        return status(ErrorCodes.status(e.error()), error(ErrorCodes.storageCode(e.error()), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String requestId = UUID.randomUUID().toString();
        LOG.errorf(e, "console request %s failed", requestId);
        return status(500, error("InternalError", "We encountered an internal error (request " + requestId + "). Please try again."));
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiException(ApiError.MALFORMED_BODY, "The request body must be a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(ApiError.MALFORMED_BODY, "The request body is not valid JSON.");
        }
    }

    private static Instant instant(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name + " must be an ISO-8601 instant, e.g. 2026-11-30T12:00:00Z.");
        }
    }

    private static boolean secure(HttpServerRequest http) {
        return http.isSSL() || "https".equalsIgnoreCase(http.getHeader("X-Forwarded-Proto"));
    }

    private static Response ok(JsonNode body) {
        return Response.ok(body.toString()).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response status(int status, JsonNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.toString()).build();
    }
}
