package dev.s3batch.planner.repository;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The chunks of a generated manifest's listing ({@code manifest_listing}): written page by page while the job is
 * Preparing, read in order while it expands, gone when the job ends.
 */
@ApplicationScoped
public class ListingRepository {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Pool pool;

    public ListingRepository(Pool pool) {
        this.pool = pool;
    }

    /** Where a listing stopped: the next chunk's number, the last key listed and how many objects it kept. */
    public record Progress(int nextSeq, String lastKey, long rows) {
    }

    public Optional<Progress> progress(UUID jobId) {
        Row r = pool.preparedQuery("""
                        SELECT seq, last_key, (SELECT coalesce(sum(rows), 0) FROM manifest_listing WHERE job_id = $1) AS total
                        FROM manifest_listing WHERE job_id = $1 ORDER BY seq DESC LIMIT 1""")
                .execute(Tuple.of(jobId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)
                .await().atMost(WAIT);
        return r == null ? Optional.empty() : Optional.of(new Progress(r.getInteger("seq") + 1, r.getString("last_key"), r.getLong("total")));
    }

    /**
     * Stores a chunk, only while the job is still Preparing and this planner's: a planner that lost the job cannot add to
     * the new owner's listing. False when it was not stored.
     */
    public boolean append(UUID jobId, String owner, int seq, int rows, String lastKey, byte[] keys) {
        return appendAsync(jobId, owner, seq, rows, lastKey, keys).join();
    }

    /** {@link #append}, its answer to come: the listing reads its next page meanwhile. */
    public java.util.concurrent.CompletableFuture<Boolean> appendAsync(UUID jobId, String owner, int seq, int rows, String lastKey, byte[] keys) {
        return pool.preparedQuery("""
                        INSERT INTO manifest_listing (job_id, seq, rows, last_key, keys)
                        SELECT $1::uuid, $3::integer, $4::integer, $5::text, $6::bytea FROM batch_job WHERE job_id = $1 AND lease_owner = $2 AND status = 'Preparing'""")
                .execute(Tuple.of(jobId, owner, seq, rows, lastKey).addValue(io.vertx.core.buffer.Buffer.buffer(keys)))
                .map(r -> r.rowCount() == 1)
                .ifNoItem().after(WAIT).fail()
                .subscribeAsCompletionStage();
    }

    /** A chunk's gzipped keys. */
    public record Chunk(int seq, int rows, byte[] keys) {
    }

    /** Up to {@code limit} chunks from {@code fromSeq} on, in order. */
    public List<Chunk> chunks(UUID jobId, int fromSeq, int limit) {
        return pool.preparedQuery("SELECT seq, rows, keys FROM manifest_listing WHERE job_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3")
                .execute(Tuple.of(jobId, fromSeq, limit))
                .map(rows -> {
                    List<Chunk> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Chunk(r.getInteger("seq"), r.getInteger("rows"), r.getBuffer("keys").getBytes())));
                    return out;
                })
                .await().atMost(WAIT);
    }

    /** Forgets a listing (every batch of it is published, or the job starts its listing again). */
    public void delete(UUID jobId) {
        pool.preparedQuery("DELETE FROM manifest_listing WHERE job_id = $1").execute(Tuple.of(jobId)).await().atMost(WAIT);
    }

    /** Records the manifest a generator wrote, as DescribeJob shows it. */
    public void generated(UUID jobId, String owner, String generatedJson) {
        pool.preparedQuery("UPDATE batch_job SET generated_manifest = $3 WHERE job_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(jobId, owner, generatedJson)).await().atMost(WAIT);
    }
}
