package dev.s3batch.planner.manifest;

import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.model.store.StoreErrors;
import dev.s3batch.planner.s3.S3Clients;
import io.minio.GetObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads manifest objects in S3 (a CSV, an inventory's manifest.json and data files) as streams, a manifest pinned to one
 * ETag so its content cannot change between reads; and says what a failed read means for the job.
 */
@ApplicationScoped
public class ManifestSource {
    private final S3Clients s3;

    public ManifestSource(S3Clients s3) {
        this.s3 = s3;
    }

    /** The role's S3 client (for listings and writes of generated manifests). */
    public io.minio.MinioClient client(String roleArn) {
        return s3.forRole(roleArn);
    }

    /** The manifest's current ETag; fails when it is missing or differs from the ETag the job was created with. */
    public String pinnedEtag(ObjectLocation manifest, String expectedEtag, String roleArn) throws ManifestException, IOException {
        StatObjectResponse stat;
        try {
            stat = s3.forRole(roleArn).statObject(StatObjectArgs.builder().bucket(manifest.bucket())
                    .object(manifest.key()).versionId(manifest.versionId()).build());
        } catch (Exception e) {
            throw failure(manifest, e);
        }
        String etag = normalise(stat.etag());
        if (expectedEtag != null && !normalise(expectedEtag).equals(etag)) {
            throw new ManifestException("ManifestETagMismatch", "The manifest's ETag is " + etag + ", not "
                    + expectedEtag + " as the job requires: the manifest changed after the job was created.");
        }
        return etag;
    }

    /** Fails when the job asks for a report in a bucket its role cannot see: better before any task runs than after. */
    public void checkReportBucket(dev.s3batch.model.job.ReportSpec report, String roleArn) throws ManifestException, IOException {
        if (!report.enabled()) {
            return;
        }
        boolean exists;
        try {
            exists = s3.forRole(roleArn).bucketExists(io.minio.BucketExistsArgs.builder().bucket(report.bucket()).build());
        } catch (Exception e) {
            if (transientFailure(e)) {
                throw new IOException("the store answered " + describe(e) + "; the check is retried", e);
            }
            exists = false;
        }
        if (!exists) {
            throw new ManifestException("ReportBucketNotFound", "The report bucket " + report.bucket()
                    + " does not exist or the job's role may not write to it.");
        }
    }

    /**
     * The manifest from byte {@code offset} on, only if its ETag is still {@code etag}. An offset at the end of the
     * manifest (a planner that stopped right after the last row, then resumed) gives an empty stream: S3 answers such a
     * range with {@code InvalidRange}, so the ETag is checked apart.
     */
    public InputStream open(ObjectLocation manifest, String roleArn, String etag, long offset) throws ManifestException, IOException {
        try {
            GetObjectArgs.Builder get = GetObjectArgs.builder().bucket(manifest.bucket())
                    .object(manifest.key()).versionId(manifest.versionId()).matchETag(etag);
            if (offset > 0) {
                get.offset(offset);
            }
            return s3.forRole(roleArn).getObject(get.build());
        } catch (ErrorResponseException e) {
            if (offset > 0 && "InvalidRange".equals(e.errorResponse().code()) && atEnd(manifest, roleArn, etag, offset)) {
                return InputStream.nullInputStream();
            }
            throw failure(manifest, e);
        } catch (Exception e) {
            throw failure(manifest, e);
        }
    }

    /** A whole object a manifest names (an inventory's data file); a failure names it as {@code what}. */
    public InputStream openFile(String what, ObjectLocation file, String roleArn) throws ManifestException, IOException {
        try {
            return s3.forRole(roleArn).getObject(GetObjectArgs.builder().bucket(file.bucket()).object(file.key()).build());
        } catch (Exception e) {
            throw failure(what, file, e);
        }
    }

    /** Whether the manifest still has {@code etag} and ends at {@code offset}. */
    private boolean atEnd(ObjectLocation manifest, String roleArn, String etag, long offset) throws ManifestException, IOException {
        try {
            var stat = s3.forRole(roleArn).statObject(io.minio.StatObjectArgs.builder().bucket(manifest.bucket())
                    .object(manifest.key()).versionId(manifest.versionId()).build());
            if (!normalise(stat.etag()).equals(normalise(etag))) {
                throw new ManifestException("ManifestETagMismatch", "The manifest " + manifest.bucket() + "/"
                        + manifest.key() + " changed while the job was running.");
            }
            return stat.size() == offset;
        } catch (ManifestException e) {
            throw e;
        } catch (Exception e) {
            throw failure(manifest, e);
        }
    }

    /**
     * What a failed manifest request means: the job's failure when the store refused for good, or an {@link IOException}
     * when a retry may help (a SlowDown, a 5xx, a reset or a timeout) — the planner then lets go of the job and takes it
     * up again, it does not fail it.
     */
    static ManifestException failure(ObjectLocation manifest, Exception e) throws IOException {
        return failure("manifest", manifest, e);
    }

    /** As {@link #failure(ObjectLocation, Exception)}, for a {@code what} ("manifest", "inventory data file"). */
    static ManifestException failure(String what, ObjectLocation manifest, Exception e) throws IOException {
        if (transientFailure(e)) {
            throw new IOException("the store answered " + describe(e) + "; the read is retried", e);
        }
        String where = manifest.bucket() + "/" + manifest.key();
        if (e instanceof ErrorResponseException err) {
            String code = err.errorResponse().code();
            return switch (code) {
                case "NoSuchKey", "NoSuchBucket", "NoSuchVersion" -> new ManifestException("ManifestNotFound",
                        "The " + what + " " + where + " does not exist (" + code + ").");
                case "PreconditionFailed" -> new ManifestException("ManifestETagMismatch",
                        "The " + what + " " + where + " changed while the job was running.");
                case "AccessDenied" -> new ManifestException("ManifestAccessDenied",
                        "The job's role may not read the " + what + " " + where + ".");
                default -> new ManifestException("ManifestUnreadable", "The " + what + " " + where + " could not be read (" + code + ").");
            };
        }
        // never a Java class name in FailureReasons: the client's own words for what it refused, or a plain sentence
        String why = e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
                : e instanceof java.io.IOException ? "the store could not be reached" : "an internal error";
        return new ManifestException("ManifestUnreadable", "The " + what + " " + where + " could not be read (" + why + ").");
    }

    /** A store answer that a retry may fix ({@link StoreErrors}), a reset or a timeout. */
    static boolean transientFailure(Exception e) {
        if (e instanceof ErrorResponseException err) {
            return StoreErrors.retryable(err.response() == null ? 0 : err.response().code(), err.errorResponse().code());
        }
        if (e instanceof io.minio.errors.ServerException server) {
            return StoreErrors.retryable(server.statusCode(), null);
        }
        return e instanceof IOException;
    }

    private static String describe(Exception e) {
        if (e instanceof ErrorResponseException err) {
            return err.errorResponse().code();
        }
        return e instanceof io.minio.errors.ServerException server ? "HTTP " + server.statusCode() : "nothing (" + e.getMessage() + ")";
    }

    static String normalise(String etag) {
        return etag.replace("\"", "").toLowerCase(Locale.ROOT);
    }
}
