package dev.s3batch.planner.manifest;

import dev.s3batch.model.job.GeneratedManifest;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.model.store.JobTransitions;
import dev.s3batch.model.store.LruCache;
import dev.s3batch.planner.repository.ListingRepository;
import dev.s3batch.planner.repository.PlannedJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The planner's one way into every manifest kind: {@link #prepare} pins the manifest (or lists the bucket) and counts
 * the tasks; {@link #open} reads them from a durable cursor. A new kind is a {@link ManifestSpec} variant, a
 * {@link ManifestReader} and a case in each visitor here.
 */
@ApplicationScoped
public class Manifests {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Manifests.class);
    private final ManifestSource source;
    private final Listing listing;
    private final ListingRepository chunks;
    /** Parsed inventory manifests by job and ETag, so each window of a long job does not read manifest.json again. */
    private final Map<String, Inventory> inventories = LruCache.of(32);

    public Manifests(ManifestSource source, Listing listing, ListingRepository chunks) {
        this.source = source;
        this.listing = listing;
        this.chunks = chunks;
    }

    /** What preparing learned: the manifest's pin (its ETag, when it has one) and the number of tasks. */
    public record Prepared(String pin, long tasks) {
    }

    /**
     * Pins and counts the job's manifest (and checks that the report bucket can be reached, after the manifest, so a
     * role that can read nothing is told about the manifest first); null when the job stopped being this planner's Preparing job meanwhile
     * ({@code still} is asked every so often).
     */
    public Prepared prepare(PlannedJob job, String owner, BooleanSupplier still) throws ManifestException, IOException {
        return kind(job).prepare(owner, still);
    }

    /** The job's tasks from its cursor on. */
    public ManifestReader open(PlannedJob job) throws ManifestException, IOException {
        return kind(job).open();
    }

    /** How one manifest kind is prepared and read (the visitor's cases may not throw, these may). */
    private interface Kind {
        Prepared prepare(String owner, BooleanSupplier still) throws ManifestException, IOException;

        ManifestReader open() throws ManifestException, IOException;
    }

    private Kind kind(PlannedJob job) {
        String role = job.spec().roleArn();
        return job.spec().manifest().accept(new ManifestSpec.Visitor<Kind>() {
            @Override
            public Kind csv(ManifestSpec.Csv csv) {
                return new Kind() {
                    @Override
                    public Prepared prepare(String owner, BooleanSupplier still) throws ManifestException, IOException {
                        return pinAndCount(job, csv.location(), csv.etag(), still,
                                etag -> new CsvManifestReader(source.open(csv.location(), role, etag, 0), csv.fields(), 0));
                    }

                    @Override
                    public ManifestReader open() throws ManifestException, IOException {
                        long offset = CsvManifestReader.offset(job.cursor());
                        return new CsvManifestReader(source.open(csv.location(), role, job.manifestEtag(), offset), csv.fields(), offset);
                    }
                };
            }

            @Override
            public Kind inventory(ManifestSpec.Inventory inv) {
                return new Kind() {
                    @Override
                    public Prepared prepare(String owner, BooleanSupplier still) throws ManifestException, IOException {
                        return pinAndCount(job, inv.location(), inv.etag(), still, etag -> inventoryReader(job.jobId(), inv, role, etag, ""));
                    }

                    @Override
                    public ManifestReader open() throws ManifestException, IOException {
                        return inventoryReader(job.jobId(), inv, role, job.manifestEtag(), job.cursor());
                    }
                };
            }

            @Override
            public Kind generated(ManifestSpec.Generated g) {
                return new Kind() {
                    @Override
                    public Prepared prepare(String owner, BooleanSupplier still) throws ManifestException, IOException {
                        listing.probe(g.sourceBucket(), role);
                        source.checkReportBucket(job.spec().report(), role);
                        long started = System.nanoTime();
                        long tasks = listing.list(job.jobId(), owner, g, role, still);
                        if (tasks < 0) {
                            return null;
                        }
                        LOG.infof("job %s: %d objects of %s kept from its listing in %.1f s", job.jobId(), tasks, g.sourceBucket(),
                                (System.nanoTime() - started) / 1e9);
                        if (g.output() != null) {
                            GeneratedManifest written = listing.write(job.jobId(), g, role);
                            chunks.generated(job.jobId(), owner, JobTransitions.toJson(written));
                        }
                        return new Prepared(null, tasks);
                    }

                    @Override
                    public ManifestReader open() {
                        return listing.open(job.jobId(), g.sourceBucket(), job.cursor());
                    }
                };
            }
        });
    }

    /** Opens a reader of a manifest pinned to its ETag. */
    private interface PinnedOpener {
        ManifestReader open(String etag) throws ManifestException, IOException;
    }

    /** A manifest object's kind of preparing: pin its ETag, check the report bucket, count the tasks. */
    private Prepared pinAndCount(PlannedJob job, ObjectLocation manifest, String expectedEtag, BooleanSupplier still, PinnedOpener opener)
            throws ManifestException, IOException {
        String etag = source.pinnedEtag(manifest, expectedEtag, job.spec().roleArn());
        source.checkReportBucket(job.spec().report(), job.spec().roleArn());
        long tasks = count(opener.open(etag), still);
        return tasks < 0 ? null : new Prepared(etag, tasks);
    }

    private ManifestReader inventoryReader(UUID jobId, ManifestSpec.Inventory inv, String role, String etag, String cursor)
            throws ManifestException, IOException {
        String cacheKey = jobId + "/" + etag;
        Inventory inventory = inventories.get(cacheKey);
        if (inventory == null) {
            try (InputStream in = source.open(inv.location(), role, etag, 0)) {
                inventory = Inventory.parse(in, inv.location());
            }
            inventories.put(cacheKey, inventory);
        }
        return new InventoryReader(inventory, file -> source.openFile("inventory data file", file.location(), role), inv.versions(), cursor);
    }

    /** Reads every task to count them; -1 when {@code still} says the job is no longer being prepared here. */
    private static long count(ManifestReader reader, BooleanSupplier still) throws ManifestException, IOException {
        long tasks = 0;
        try (reader) {
            while (reader.next() != null) {
                if ((++tasks & 1023) == 0 && !still.getAsBoolean()) {
                    return -1;
                }
            }
        }
        return tasks;
    }
}
