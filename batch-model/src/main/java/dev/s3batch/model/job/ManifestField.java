package dev.s3batch.model.job;

/** A column of a CSV manifest (and, for VersionId, whether an inventory job acts on versions). */
public enum ManifestField {
    IGNORE, BUCKET, KEY, VERSION_ID
}
