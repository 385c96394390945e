package dev.s3batch.api.dialect;

import static dev.s3batch.api.dialect.XmlBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.model.job.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Tag lists in request bodies: object tags (S3's limits: 10, 1 KB in all) and job tags (50). */
public final class TagSets {
    public static final int MAX_OBJECT_TAGS = 10;
    public static final int MAX_JOB_TAGS = 50;

    private TagSets() {
    }

    /** Object tags for a tagging operation. */
    public static List<Tag> objectTags(List<JsonNode> items, String where) {
        List<Tag> tags = read(items, where);
        int bytes = tags.stream().mapToInt(t -> t.key().length() + t.value().length()).sum();
        if (tags.size() > MAX_OBJECT_TAGS || bytes > 1024) {
            throw ApiException.invalid(where + ": an object has at most 10 tags, 1 KB in all.");
        }
        return tags;
    }

    /** The tags of a job itself (AWS CreateJob {@code Tags}, PutJobTagging): at most 50. */
    public static List<Tag> jobTags(List<JsonNode> items, String where) {
        List<Tag> tags = read(items, where);
        if (tags.size() > MAX_JOB_TAGS) {
            throw new ApiException(ApiError.TOO_MANY_TAGS, "A job has at most " + MAX_JOB_TAGS + " tags.");
        }
        return tags;
    }

    /** Keys 1–128 characters, values up to 256, keys unique. */
    public static List<Tag> read(List<JsonNode> items, String where) {
        List<Tag> tags = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode t : items) {
            String key = text(t, "Key").orElseThrow(() -> ApiException.missing(where + "/Key"));
            String value = t.has("Value") && !t.get("Value").isContainerNode() ? t.get("Value").asText() : "";
            if (key.length() > 128 || value.length() > 256) {
                throw ApiException.invalid(where + ": a tag key is at most 128 characters and a value at most 256.");
            }
            if (!keys.add(key)) {
                throw ApiException.invalid(where + ": tag keys must be unique; " + key + " repeats.");
            }
            tags.add(new Tag(key, value));
        }
        return tags;
    }
}
