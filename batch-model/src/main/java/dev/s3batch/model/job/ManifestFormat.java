package dev.s3batch.model.job;

/** How a manifest is read. Dialects map their own format names (e.g. OSS_BatchOperations_CSV_20250611) onto these. */
public enum ManifestFormat {
    /** One object per row: the columns named by {@link ManifestSpec#fields()}, keys URL-encoded, no header. */
    CSV
}
