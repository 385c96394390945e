package dev.s3batch.api.dialect;

import dev.s3batch.model.job.ManifestField;
import java.util.ArrayList;
import java.util.List;

/** Manifest {@code Fields}, the same names in every dialect (OSS writes them as one comma-separated string). */
public final class ManifestFields {
    private ManifestFields() {
    }

    public static List<ManifestField> parse(List<String> names, String where) {
        List<ManifestField> fields = known(names, where);
        for (ManifestField required : List.of(ManifestField.BUCKET, ManifestField.KEY)) {
            if (fields.stream().filter(required::equals).count() != 1) {
                throw ApiException.invalid(where + " must name Bucket and Key exactly once.");
            }
        }
        if (fields.stream().filter(ManifestField.VERSION_ID::equals).count() > 1) {
            throw ApiException.invalid(where + " names VersionId more than once.");
        }
        return fields;
    }

    /**
     * The Fields of an inventory manifest, which takes its columns from its own {@code fileSchema}: they only say
     * whether the job acts on the versions the inventory lists (VersionId named) or on each object's latest version.
     */
    public static boolean inventoryVersions(List<String> names, String where) {
        return known(names, where).contains(ManifestField.VERSION_ID);
    }

    private static List<ManifestField> known(List<String> names, String where) {
        List<ManifestField> fields = new ArrayList<>();
        for (String f : names) {
            fields.add(switch (f.trim()) {
                case "Bucket" -> ManifestField.BUCKET;
                case "Key" -> ManifestField.KEY;
                case "VersionId" -> ManifestField.VERSION_ID;
                case "Ignore" -> ManifestField.IGNORE;
                default -> throw ApiException.invalid(where + ": unknown field '" + f.trim() + "' (Bucket, Key, VersionId, Ignore).");
            });
        }
        return fields;
    }

    public static String name(ManifestField f) {
        return switch (f) {
            case BUCKET -> "Bucket";
            case KEY -> "Key";
            case VERSION_ID -> "VersionId";
            case IGNORE -> "Ignore";
        };
    }
}
