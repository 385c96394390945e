package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.e2e.client.OssJobClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The web console in a real browser (Debian's chromium, headless) on the real stack: a wrong key is refused; sign in;
 * walk the whole Create Job wizard for a tagging job, confirm it and watch it reach Complete, open its report (the
 * objects' tags read back with an independent client); cancel another job from the list; another account's job is
 * not visible; a state change without the session's CSRF token is refused; failed sign-ins are slowed down; sign-out
 * ends the session. Screenshots of each step: {@code batch-e2e/target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    static final String COOKIE = "s3batch_console";
    static RunningServices services;
    static Browser browser;
    static String base;
    static String keyId;
    static String secret;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        services = RunningServices.get();
        base = services.stack.env().get("S3BATCH_API_URL");
        keyId = services.stack.env().get("S3BATCH_API_ACCESS_KEY");
        secret = services.stack.env().get("S3BATCH_API_SECRET_KEY");
        services.s3.bucket("it-reports");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    static void signIn(String key, String secretKey) {
        browser.open(base + "/console/#/signin");
        browser.type("#access-key-id", key);
        browser.type("#secret-access-key", secretKey);
        browser.click("#sign-in");
    }

    @Test
    @Order(1)
    void aWrongKeyIsRefusedWithAClearMessageAndNoSession() throws Exception {
        browser.open(base + "/console");
        browser.find("#access-key-id"); // not signed in: the sign-in page, whatever was asked for
        signIn(keyId, "not-the-secret");
        browser.awaitText("#signin-error", "The access key ID or the secret access key is not valid.", Duration.ofSeconds(10));
        assertNull(browser.cookie(COOKIE), "no session for a wrong key");
        assertEquals("", browser.find("#secret-access-key").getAttribute("value"), "the secret is not kept in the page");
        browser.screenshot("01-sign-in-refused");
    }

    @Test
    @Order(2)
    void signInWalkTheWizardConfirmWatchTheJobCompleteAndOpenItsReport() throws Exception {
        String bucket = services.bucketWithObjects("it-console-", 40);
        List<String> keys = IntStream.range(0, 40).mapToObj(i -> "o" + i).toList();
        List<String> rows = new java.util.ArrayList<>(keys);
        rows.addAll(List.of("gone-1", "gone-2")); // not in the bucket: two failed tasks for the report's preview
        String etag = services.s3.putManifest(bucket, "m.csv", rows);

        // signed in with the keyboard alone: the fields in tab order, Enter submits
        browser.open(base + "/console/#/signin");
        browser.type("#access-key-id", keyId);
        browser.find("#access-key-id").sendKeys(org.openqa.selenium.Keys.TAB);
        browser.driver.switchTo().activeElement().sendKeys(secret, org.openqa.selenium.Keys.ENTER);
        browser.find("#jobs");
        Cookie session = browser.cookie(COOKIE);
        assertNotNull(session);
        assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
        assertEquals("Strict", session.getSameSite());
        browser.screenshot("02-job-list");

        browser.click("#nav-create");
        browser.select("#role", "arn:aws:iam::123456789012:role/batch-role");
        browser.click("#wizard-next"); // no manifest yet: the API's own message, and the wizard stays on its step
        browser.awaitText("#wizard-error", "Manifest/Location", Duration.ofSeconds(10));
        browser.find("#manifest-bucket");
        browser.screenshot("03-wizard-refused");
        browser.select("#manifest-bucket", bucket);
        browser.type("#manifest-key", "m.csv");
        browser.find("#manifest-key").sendKeys(org.openqa.selenium.Keys.TAB);
        browser.awaitText("#manifest-etag", "ETag " + etag, Duration.ofSeconds(10));
        browser.screenshot("03-wizard-manifest");
        browser.click("#wizard-next");

        browser.select("#operation", "S3PutObjectTagging");
        browser.type("#tag-key-0", "console");
        browser.type("#tag-value-0", "yes");
        browser.screenshot("04-wizard-operation");
        browser.click("#wizard-next");

        assertTrue(browser.find("#report-enabled").isSelected(), "a report, unless unticked");
        browser.type("#description", "tagged from the console");
        browser.type("#priority", "42");
        browser.select("#report-bucket", "it-reports");
        browser.type("#report-prefix", "console");
        browser.screenshot("05-wizard-details");
        browser.click("#wizard-next");

        browser.awaitText("#wizard-step", "tagged from the console", Duration.ofSeconds(10));
        assertTrue(browser.text("#wizard-step").contains("console=yes"), browser.text("#wizard-step"));
        browser.screenshot("06-wizard-review");
        browser.click("#wizard-create");

        browser.awaitText("#job-status", "Suspended", Duration.ofSeconds(60));
        String jobId = browser.driver.getCurrentUrl().replaceAll(".*#/jobs/", "");
        assertEquals("42", browser.text("#job-priority"));
        browser.screenshot("07-job-waiting-for-confirmation");

        browser.click("button[data-action=confirm]");
        browser.awaitText("#job-status", "Complete", Duration.ofMinutes(3));
        browser.awaitText("#job-succeeded", "40", Duration.ofSeconds(10));
        assertEquals("2", browser.text("#job-failed"));
        Map<String, Map<String, String>> tags = services.s3.tagsOfAll(bucket, keys);
        keys.forEach(k -> assertEquals(Map.of("console", "yes"), tags.get(k), k));
        String history = browser.text("#history");
        for (String status : List.of("Suspended", "Ready", "Active", "Complete")) {
            assertTrue(history.contains(status), status + " in the history: " + history);
        }

        browser.await().until(d -> !d.findElements(By.cssSelector("#report-files a")).isEmpty());
        String preview = browser.text("#failed-preview");
        assertTrue(preview.contains("gone-1") && preview.contains("gone-2") && preview.contains("404"), preview);
        browser.screenshot("08-job-complete-with-report");
        String href = browser.find("#report-files a").getAttribute("href");
        HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", COOKIE + "=" + browser.cookie(COOKIE).getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, file.statusCode());
        List<String> lines = file.body().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(40, lines.size(), file.body());
        assertTrue(lines.stream().allMatch(r -> r.startsWith(bucket + ",o") && r.contains("succeeded")), file.body());
        assertEquals("Complete", services.api.describe(jobId).path("Status").asText());
    }

    @Test
    @Order(3)
    void aJobIsCancelledFromTheList() throws Exception {
        String jobId = suspendedJob(services.api, "acs:ram::1234567890123456:role/batch-role");
        browser.open(base + "/console/#/jobs");
        String row = "tr[data-job='" + jobId + "']";
        browser.awaitText(row, "Suspended", Duration.ofSeconds(20));
        // a keyboard user's place survives the list's refresh (every 3 s)
        browser.driver.executeScript("arguments[0].focus()", browser.find(row + " button[data-action=priority]"));
        Thread.sleep(4_000);
        assertEquals(List.of(jobId, "priority"), browser.driver.executeScript(
                "const a = document.activeElement; return [a.closest('tr') && a.closest('tr').getAttribute('data-job'), a.getAttribute('data-action')];"),
                "the focus after a refresh");
        browser.click(row + " button[data-action=priority]");
        browser.type("#new-priority", "77");
        browser.click("#priority-save");
        browser.await().until(d -> d.findElement(By.cssSelector(row + " td:nth-child(3)")).getText().equals("77"));
        assertEquals(77, services.api.describe(jobId).path("Priority").asInt());
        browser.click(row + " button[data-action=cancel]");
        browser.screenshot("09-cancel-asked");
        browser.click("#ask-yes");
        browser.awaitText(row, "Cancelled", Duration.ofSeconds(60));
        browser.screenshot("10-job-cancelled");
        assertEquals("Cancelled", services.api.describe(jobId).path("Status").asText());

        List<String> offered = new org.openqa.selenium.support.ui.Select(browser.find("#filter-status")).getOptions().stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
        assertEquals(java.util.Arrays.stream(dev.s3batch.model.job.JobStatus.values()).map(dev.s3batch.model.job.JobStatus::wireName).toList(),
                offered, "the filter offers every status a job can have");
        browser.select("#filter-status", "Cancelled");
        browser.click("#filter-apply");
        browser.await().until(d -> d.findElements(By.cssSelector("#jobs-body td.status")).stream().allMatch(c -> c.getText().equals("Cancelled")));
        browser.find(row);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
        browser.screenshot("11-narrow-window");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        browser.select("#filter-status", "");
        browser.click("#filter-apply");
    }

    @Test
    @Order(4)
    void createAndStartDeletesEveryObjectUnderAPrefix() throws Exception {
        String bucket = services.bucketWithObjects("it-console-", 0);
        services.s3.putObjects(bucket, 12, i -> (i < 8 ? "old/" : "keep/") + i, i -> { });
        browser.open(base + "/console/#/create");
        browser.click("#wizard-reset");
        browser.click("#manifest-format-prefix");
        browser.select("#prefix-bucket", bucket);
        browser.type("#prefix", "old/");
        browser.click("#wizard-next");
        browser.select("#operation", "COSDeleteObject");
        browser.click("#wizard-next");
        startWithoutReport("All objects under a prefix");
        assertEquals("8", browser.text("#job-succeeded"));
        assertEquals(List.of("keep/10", "keep/11", "keep/8", "keep/9"), services.s3.list(bucket, ""), "the prefix's objects, and only they, are gone");
    }

    @Test
    @Order(5)
    void anotherAccountsJobIsNotVisible() throws Exception {
        String theirs = suspendedJob(services.otherApi, "acs:ram::2222222222222222:role/batch-role");
        browser.open(base + "/console/#/jobs");
        browser.find("#jobs-body tr");
        browser.await().until(d -> !d.findElement(By.id("jobs-body")).getText().contains("Loading"));
        assertFalse(browser.text("#jobs").contains(theirs), "the other account's job in the list");
        browser.open(base + "/console/#/jobs/" + theirs);
        browser.awaitText("#job", "The specified job does not exist.", Duration.ofSeconds(10));
        HttpResponse<String> direct = api("GET", "jobs/" + theirs, null, null);
        assertEquals(404, direct.statusCode(), direct.body());
    }

    @Test
    @Order(6)
    void aStateChangeWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        String jobId = suspendedJob(services.api, "acs:ram::1234567890123456:role/batch-role");
        HttpResponse<String> none = api("POST", "jobs/" + jobId + "/status", "{\"status\":\"Ready\"}", null);
        assertEquals(403, none.statusCode(), none.body());
        assertTrue(none.body().contains("InvalidCsrfToken"), none.body());
        HttpResponse<String> wrong = api("POST", "jobs/" + jobId + "/status", "{\"status\":\"Ready\"}", "not-the-token");
        assertEquals(403, wrong.statusCode(), wrong.body());
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/api/jobs/" + jobId + "/status"))
                .header("Cookie", COOKIE + "=" + browser.cookie(COOKIE).getValue())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("status=Ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(form.statusCode() == 415 || form.statusCode() == 403, "a form post (what another site can send): " + form.statusCode());
        assertEquals("Suspended", services.api.describe(jobId).path("Status").asText(), "the job did not move");

        // the list's creation-time range, as the filter sends it
        HttpResponse<String> future = api("GET", "jobs?createdFrom=" + java.time.Instant.now().plus(Duration.ofDays(1)), null, null);
        assertEquals(200, future.statusCode(), future.body());
        assertTrue(future.body().startsWith("{\"jobs\":[]"), future.body());
        HttpResponse<String> recent = api("GET", "jobs?status=Suspended&createdFrom=" + java.time.Instant.now().minus(Duration.ofMinutes(5)), null, null);
        assertTrue(recent.body().contains(jobId), recent.body());
        HttpResponse<String> bad = api("GET", "jobs?createdFrom=yesterday", null, null);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("createdFrom must be an ISO-8601 instant"), bad.body());
    }

    @Test
    @Order(7)
    void repeatedFailuresAreSlowedDownAndSignOutEndsTheSession() throws Exception {
        String madeUp = "S3BATCHNOSUCHKEY" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, signInOverHttp(madeUp, "guess-" + i).statusCode());
        }
        HttpResponse<String> locked = signInOverHttp(madeUp, "guess-5");
        assertEquals(429, locked.statusCode(), locked.body());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        assertTrue(locked.body().contains("Too many failed sign-ins"), locked.body());
        assertEquals(200, signInOverHttp(keyId, secret).statusCode(), "another key from the same address still signs in");
        String log = java.nio.file.Files.readString(services.stack.root().resolve(".stack/test/services/job-api-service.log"));
        assertFalse(log.contains("guess-") || log.contains(secret) || log.contains("not-the-secret"), "no secret offered at sign-in is logged");

        String cookie = browser.cookie(COOKIE).getValue();
        browser.open(base + "/console/#/jobs");
        browser.click("#sign-out");
        browser.find("#access-key-id");
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/api/session")).header("Cookie", COOKIE + "=" + cookie).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "the signed-out session is gone");
    }

    /** The job list of an account with 1,000 jobs more: the time the page takes to show them is printed (not asserted). */
    @Test
    @Order(8)
    void theJobListOfAnAccountWithAThousandJobsLoadsAndPages() throws Exception {
        String model = suspendedJob(services.otherApi, "acs:ram::2222222222222222:role/batch-role");
        Map<String, String> env = services.stack.env();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL"),
                env.get("QUARKUS_DATASOURCE_USERNAME"), env.get("QUARKUS_DATASOURCE_PASSWORD"));
                java.sql.PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO batch_job (job_id, account_id, status, priority, spec, created_at, updated_at, terminated_at,
                                               total_tasks, tasks_succeeded, tasks_failed)
                        SELECT gen_random_uuid(), 'other', 'Complete', 10, spec, now() - make_interval(secs => g), now(), now(), 3, 3, 0
                        FROM batch_job, generate_series(1, 1000) g WHERE job_id = ?::uuid""")) {
            insert.setString(1, model);
            assertEquals(1000, insert.executeUpdate());
        }
        signIn(services.stack.env().get("S3BATCH_API_OTHER_ACCESS_KEY"), services.stack.env().get("S3BATCH_API_OTHER_SECRET_KEY"));
        browser.find("#jobs");
        browser.open("about:blank");
        long start = System.nanoTime();
        browser.open(base + "/console/#/jobs");
        browser.await().until(d -> d.findElements(By.cssSelector("#jobs-body tr[data-job]")).size() == 20);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("ConsoleIT: the job list of an account with %s jobs showed its first page in %d ms%n", "1,001", millis);
        browser.screenshot("12-thousand-jobs");
        String first = browser.find("#jobs-body tr[data-job]").getAttribute("data-job");
        browser.click("#page-older");
        browser.await().until(d -> !d.findElement(By.cssSelector("#jobs-body tr[data-job]")).getAttribute("data-job").equals(first));
        assertTrue(browser.text("#jobs-caption").contains("page 2"));
    }

    /** The copy options of the COS console's guide: a prefix replaced, metadata replaced, tags added. */
    @Test
    @Order(9)
    void aCopyReplacesThePrefixAndTheMetadataAndAddsTags() throws Exception {
        String source = services.bucketWithObjects("it-console-src-", 0);
        String target = services.bucketWithObjects("it-console-dst-", 0);
        List<String> keys = IntStream.range(0, 5).mapToObj(i -> "in/a" + i).toList();
        services.s3.putObjects(source, keys.size(), keys::get, i -> { });
        var minio = services.s3.client();
        for (String k : keys) {
            minio.setObjectTags(io.minio.SetObjectTagsArgs.builder().bucket(source).object(k).tags(Map.of("src", "1")).build());
        }
        String etag = services.s3.putManifest(source, "m.csv", keys);

        String otherSession = browser.cookie(COOKIE).getValue(); // the other account's, signed in by the test before
        signIn(keyId, secret);
        browser.find("#jobs");
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/api/session")).header("Cookie", COOKIE + "=" + otherSession).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "signing in again ends the browser's previous session");
        browser.open(base + "/console/#/create");
        browser.click("#wizard-reset");
        browser.select("#role", "arn:aws:iam::123456789012:role/batch-role");
        browser.select("#manifest-bucket", source);
        browser.type("#manifest-key", "m.csv");
        browser.find("#manifest-key").sendKeys(org.openqa.selenium.Keys.TAB);
        browser.awaitText("#manifest-etag", "ETag " + etag, Duration.ofSeconds(10));
        browser.click("#wizard-next");
        browser.select("#operation", "S3PutObjectCopy");
        browser.select("#copy-bucket", target);
        browser.select("#copy-prefix-op", "replace");
        browser.type("#copy-old-prefix", "in/");
        browser.type("#copy-prefix", "out/");
        browser.select("#copy-metadata", "REPLACE");
        browser.type("#copy-content-type", "text/x-console");
        browser.select("#copy-tagging", "ADD");
        browser.click("#copy-tag-add");
        browser.type("#copy-tag-key-0", "added");
        browser.type("#copy-tag-value-0", "yes");
        browser.screenshot("13-wizard-copy");
        browser.click("#wizard-next");
        startWithoutReport("Review");
        assertEquals("5", browser.text("#job-succeeded"));

        assertEquals(keys.stream().map(k -> k.replace("in/", "out/")).sorted().toList(), services.s3.list(target, ""));
        for (String k : keys) {
            String copy = k.replace("in/", "out/");
            assertEquals(Map.of("src", "1", "added", "yes"), services.s3.tags(target, copy), copy);
            assertEquals("text/x-console", minio.statObject(io.minio.StatObjectArgs.builder().bucket(target).object(copy).build()).contentType());
        }
    }

    /** A session unused for longer than the idle timeout (30 minutes) has ended: the page asks to sign in again. */
    @Test
    @Order(10)
    void anIdleSessionEnds() throws Exception {
        browser.open(base + "/console/#/jobs");
        browser.find("#jobs");
        Map<String, String> env = services.stack.env();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL"),
                env.get("QUARKUS_DATASOURCE_USERNAME"), env.get("QUARKUS_DATASOURCE_PASSWORD"));
                java.sql.Statement age = db.createStatement()) {
            assertTrue(age.executeUpdate("UPDATE console_session SET last_seen = now() - interval '31 minutes' WHERE account_id = 'local'") > 0);
        }
        HttpResponse<String> stale = api("GET", "session", null, null);
        assertEquals(401, stale.statusCode(), stale.body());
        browser.open(base + "/console/#/jobs");
        browser.find("#access-key-id");
    }

    /**
     * Every operation the wizard offers, and the copy's directives, make a request the API accepts: the page's own
     * request builder, run in the page, checked by the API (the wizard never submits what CreateJob would refuse).
     */
    @Test
    @Order(11)
    @SuppressWarnings("unchecked")
    void everyOperationTheWizardOffersMakesARequestTheApiAccepts() throws Exception {
        String bucket = services.bucketWithObjects("it-console-", 1);
        String etag = services.s3.putManifest(bucket, "m.csv", List.of("o0"));
        signIn(keyId, secret);
        browser.find("#jobs");
        browser.open(base + "/console/#/create");
        browser.find("#manifest-bucket");
        Object answers = browser.driver.executeAsyncScript("""
                const [bucket, etag, done] = arguments;
                (async () => {
                  const out = {};
                  const variants = state.options.operations.map((op) => [op, (w) => {}]);
                  variants.push(['S3PutObjectCopy/replace-prefix', (w) => { w.copy.prefixOp = 'replace'; w.copy.oldPrefix = 'o'; w.copy.prefix = 'p'; }]);
                  variants.push(['S3PutObjectCopy/delete-prefix', (w) => { w.copy.prefixOp = 'delete'; w.copy.oldPrefix = 'o'; }]);
                  variants.push(['S3PutObjectCopy/add-grants-tags-metadata', (w) => { w.copy.acl = 'ADD';
                    w.copy.grants = [{ type: 'uri', identifier: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }];
                    w.copy.tagging = 'ADD'; w.copy.tags = [{ key: 'a', value: 'b' }]; w.copy.metadataDirective = 'ADD'; w.copy.metadata.ContentType = 'text/plain';
                    w.copy.userMetadata = [{ key: 'origin', value: 'console' }]; }]);
                  variants.push(['S3PutObjectCopy/replace-canned-acl', (w) => { w.copy.acl = 'REPLACE'; w.copy.aclMode = 'canned'; w.copy.canned = 'public-read'; }]);
                  variants.push(['prefix-manifest', (w) => { w.manifestFormat = 'prefix'; w.prefixBucket = bucket; w.prefix = 'o'; }]);
                  for (const [name, change] of variants) {
                    const w = newWizard(state.options);
                    Object.assign(w, { role: 'arn:aws:iam::123456789012:role/batch-role', manifestBucket: bucket, manifestKey: 'm.csv', manifestEtag: etag,
                      operation: name.includes('/') ? name.split('/')[0] : (name === 'prefix-manifest' ? 'S3PutObjectTagging' : name) });
                    w.report.bucket = 'it-reports';
                    w.tags = [{ key: 'k', value: 'v' }];
                    w.copy.bucket = bucket;
                    w.lambda.functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:s3batch-webhook';
                    w.retention.until = '2030-01-01T00:00';
                    change(w);
                    try { await api('POST', 'jobs/check', buildRequest(w, false)); out[name] = 'valid'; } catch (e) { out[name] = e.message; }
                  }
                  done(out);
                })();
                """, bucket, etag);
        Map<String, Object> byOperation = (Map<String, Object>) answers;
        assertTrue(byOperation.keySet().containsAll(List.of("S3PutObjectTagging", "S3PutObjectCopy", "COSDeleteObject", "S3InitiateRestoreObject",
                "LambdaInvoke", "S3PutObjectRetention", "S3ComputeObjectChecksum")), byOperation.toString());
        byOperation.forEach((operation, answer) -> assertEquals("valid", answer, operation));
    }

    /** From the wizard's job details: no report, then on the review (showing {@code review}) Create and Start, until Complete. */
    static void startWithoutReport(String review) {
        browser.click("#report-enabled");
        browser.await().until(d -> d.findElements(By.id("report-bucket")).isEmpty());
        browser.click("#wizard-next");
        browser.awaitText("#wizard-step", review, Duration.ofSeconds(10));
        browser.click("#wizard-create-start");
        browser.awaitText("#job-status", "Complete", Duration.ofMinutes(2));
    }

    static HttpResponse<String> signInOverHttp(String key, String secretKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"accessKeyId\":\"" + key + "\",\"secretAccessKey\":\"" + secretKey + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A console API request with the browser's session cookie (and {@code csrf}, when not null). */
    static HttpResponse<String> api(String method, String path, String json, String csrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/console/api/" + path))
                .header("Cookie", COOKIE + "=" + browser.cookie(COOKIE).getValue());
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A tagging job waiting for confirmation (Suspended), created with {@code client} (OSS dialect) acting as {@code roleArn}. */
    static String suspendedJob(OssJobClient client, String roleArn) throws Exception {
        String bucket = services.bucketWithObjects("it-console-", 3);
        String etag = services.s3.putManifest(bucket, "m.csv", List.of("o0", "o1", "o2"));
        String xml = OssJobClient.taggingJob("console-" + UUID.randomUUID(), bucket, "m.csv", etag, "it-reports", "console", "AllTasks", "k", "v")
                .replace("<ConfirmationRequired>false</ConfirmationRequired>", "<ConfirmationRequired>true</ConfirmationRequired>")
                .replace("acs:ram::1234567890123456:role/batch-role", roleArn);
        String jobId = client.create(xml);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!client.describe(jobId).path("Status").asText().equals("Suspended")) {
            assertTrue(System.nanoTime() < deadline, "the job reached Suspended: " + client.describe(jobId));
            Thread.sleep(200);
        }
        return jobId;
    }
}
