package dev.s3batch.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.api.dialect.control.ControlDialect;
import dev.s3batch.api.dialect.control.ControlJobReader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Create Job wizard's request: the AWS S3 Control CreateJob request as JSON (the XML document's tree: elements as
 * fields, a list as {@code {"member": [...]}}), read by the AWS dialect's own reader — so every field is checked as
 * the API checks it and refused with the API's message. The console's operations are AWS's that s3batch runs, and
 * delete (s3batch runs it; AWS has none): {@code COSDeleteObject}, COS's name.
 */
final class ConsoleRequests {
    /** The operations the wizard offers (the AWS dialect's, less what is not built, plus delete). */
    static final Set<String> OPERATIONS;
    static final ControlDialect DIALECT;

    static {
        Set<String> ops = new TreeSet<>(ControlDialect.AWS.operations());
        ops.remove("S3UpdateObjectEncryption"); // answered 501 by the AWS dialect: not offered
        ops.add("COSDeleteObject");
        OPERATIONS = Set.copyOf(ops);
        DIALECT = ControlDialect.AWS.withOperations(OPERATIONS);
    }

    private static final ControlJobReader READER = new ControlJobReader(DIALECT);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final int MAX_DEPTH = 12;

    private ConsoleRequests() {
    }

    /** The job (and its tags) {@code form} asks for, in {@code account}; refused as CreateJob refuses it. */
    static ControlJobReader.Request read(JsonNode form, String account) {
        if (form == null || !form.isObject()) {
            throw ApiException.malformed("The job request must be a JSON object.");
        }
        ObjectNode tree = XmlBodies.object();
        copy((ObjectNode) form, tree, 0);
        return READER.read(XmlBodies.write("CreateJobRequest", tree), account);
    }

    /** Copies the form into an XML tree: names XML can hold, text values, no deeper than {@link #MAX_DEPTH}. */
    private static void copy(ObjectNode from, ObjectNode to, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiException.malformed("The job request is nested too deeply.");
        }
        var fields = from.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!NAME.matcher(field.getKey()).matches()) {
                throw ApiException.malformed("The job request has a field named '" + abbreviated(field.getKey()) + "', which no request has.");
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isArray()) {
                var array = to.putArray(field.getKey());
                for (JsonNode item : value) {
                    if (item.isObject()) {
                        copy((ObjectNode) item, array.addObject(), depth + 1);
                    } else if (item.isValueNode() && !item.isNull()) {
                        array.add(item.asText());
                    } else {
                        throw ApiException.malformed("The job request's " + field.getKey() + " holds a list in a list.");
                    }
                }
            } else if (value.isObject()) {
                copy((ObjectNode) value, to.putObject(field.getKey()), depth + 1);
            } else {
                to.put(field.getKey(), value.asText());
            }
        }
    }

    private static String abbreviated(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "…" : s;
    }
}
