package dev.s3batch.planner.service;

import dev.s3batch.planner.manifest.ManifestReader;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manifest readers kept open between two windows of their job, so the next window reads on instead of opening the
 * manifest again: a gzipped inventory file cannot be entered in the middle, and reading it again from its start for
 * every window would cost time in the square of its length. A reader is taken only at exactly the job's stored cursor
 * (another planner may have moved it on), and closed when it waited too long.
 */
final class ParkedReaders {
    private record Parked(ManifestReader reader, long since) {
    }

    private final Map<UUID, Parked> readers = new ConcurrentHashMap<>();

    void park(UUID jobId, ManifestReader reader) {
        Parked old = readers.put(jobId, new Parked(reader, System.nanoTime()));
        if (old != null) {
            close(old.reader());
        }
    }

    /** The job's parked reader if it stands at {@code cursor}, else null (a reader elsewhere is closed). */
    ManifestReader take(UUID jobId, String cursor) {
        Parked p = readers.remove(jobId);
        if (p == null) {
            return null;
        }
        if (p.reader().cursor().equals(cursor)) {
            return p.reader();
        }
        close(p.reader());
        return null;
    }

    /** Closes the readers parked for at least {@code after}; one another thread took meanwhile is left to it. */
    void closeIdle(Duration after) {
        long now = System.nanoTime();
        for (Map.Entry<UUID, Parked> e : readers.entrySet()) {
            if (now - e.getValue().since() >= after.toNanos() && readers.remove(e.getKey(), e.getValue())) {
                close(e.getValue().reader());
            }
        }
    }

    private static void close(ManifestReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // an idle stream the store already closed
        }
    }
}
