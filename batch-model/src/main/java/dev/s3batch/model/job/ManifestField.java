package dev.s3batch.model.job;

/** A column of a CSV manifest. */
public enum ManifestField {
    IGNORE, BUCKET, KEY, VERSION_ID
}
