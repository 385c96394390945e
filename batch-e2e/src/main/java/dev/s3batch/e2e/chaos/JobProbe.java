package dev.s3batch.e2e.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a job's state straight from PostgreSQL (the API may be the service that is down): its status, how many tasks
 * were counted, how far the planner expanded it and who holds its lease. Reconnects after a database restart.
 */
public final class JobProbe implements AutoCloseable {
    record JobRow(String status, long counted, long nextSeq, boolean expanded, String leaseOwner) {
        boolean terminal() {
            return status.equals("Complete") || status.equals("Failed") || status.equals("Cancelled");
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    public JobProbe(Map<String, String> env) {
        this.url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        this.user = env.get("QUARKUS_DATASOURCE_USERNAME");
        this.password = env.get("QUARKUS_DATASOURCE_PASSWORD");
    }

    /** The job's row, or null while the database cannot be reached. */
    JobRow job(String jobId) {
        try {
            try (PreparedStatement s = connection().prepareStatement("""
                    SELECT status, tasks_succeeded + tasks_failed AS counted, plan_next_seq, planned_batches IS NOT NULL AS expanded,
                           lease_owner FROM batch_job WHERE job_id = ?""")) {
                s.setObject(1, UUID.fromString(jobId));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new JobRow(r.getString(1), r.getLong(2), r.getLong(3), r.getBoolean(4), r.getString(5)) : null;
                }
            }
        } catch (SQLException e) {
            drop();
            return null;
        }
    }

    /** How many chunks of a generated manifest's listing are stored for the job, or -1 while the database cannot be reached. */
    public long listingChunks(String jobId) {
        try (PreparedStatement s = connection().prepareStatement("SELECT count(*) FROM manifest_listing WHERE job_id = ?")) {
            s.setObject(1, UUID.fromString(jobId));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            drop();
            return -1;
        }
    }

    /** Outbox rows waiting to be published, or -1 while the database cannot be reached. */
    long pendingOutbox() {
        try (PreparedStatement s = connection().prepareStatement("SELECT count(*) FROM outbox WHERE NOT blocked");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            drop();
            return -1;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, user, password);
        }
        return connection;
    }

    private void drop() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is gone anyway
        }
        connection = null;
    }

    @Override
    public void close() {
        drop();
    }
}
