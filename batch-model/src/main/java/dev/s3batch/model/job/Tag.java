package dev.s3batch.model.job;

/** An object tag (key, value). */
public record Tag(String key, String value) {
}
