package dev.s3batch.api.dialect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.deser.FromXmlParser;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;

/**
 * Reads request bodies and writes response bodies for every dialect, with Jackson XML. Requests are read as trees, so
 * elements are found by name in any order, with or without namespace or XML declaration. DTDs and external entities
 * are refused, which also rules out entity-expansion bombs.
 */
public final class XmlBodies {
    private static final XmlMapper MAPPER = create();

    private XmlBodies() {
    }

    private static XmlMapper create() {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLOutputFactory output = XMLOutputFactory.newFactory();
        // A response can carry what a client sent (a path, a parameter in an error message) or what was stored before
        // input was checked: characters XML 1.0 cannot hold are written as U+FFFD instead of failing the response.
        output.setProperty(WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER, new InvalidCharHandler.ReplacingHandler('\uFFFD'));
        XmlMapper mapper = new XmlMapper(XmlFactory.builder().xmlInputFactory(input).xmlOutputFactory(output).build());
        mapper.enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION);
        // anything after the root element (a second root, text) makes the document malformed, not ignored
        mapper.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    /**
     * Parses a body whose root element must be {@code root} (in any namespace); a blank or malformed one, another root,
     * or content after the root is {@link ApiError#MALFORMED_BODY}.
     */
    public static JsonNode parse(String body, String root) {
        if (body == null || body.isBlank()) {
            throw ApiException.malformed("The request body is empty.");
        }
        try (FromXmlParser parser = (FromXmlParser) MAPPER.getFactory().createParser(body)) {
            // the parser stands on the root element when created; its name is gone from the tree read next
            if (!root.equals(parser.getStaxReader().getLocalName())) {
                throw ApiException.malformed("The document's root element must be " + root + ".");
            }
            JsonNode tree = MAPPER.readTree(parser);
            if (tree != null && hasControlCharacter(tree)) {
                throw ApiException.malformed("The XML you provided contains a control character (XML 1.1 character references"
                        + " such as &#1; are not accepted).");
            }
            return tree == null || !tree.isObject() ? MAPPER.createObjectNode() : tree;
        } catch (JacksonException e) {
            throw ApiException.malformed("The XML you provided was not well-formed or did not validate against our published schema.");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String
        }
    }

    /** Whether any element name or text of the tree holds a character XML 1.0 does not allow (what XML 1.1 lets in). */
    private static boolean hasControlCharacter(JsonNode node) {
        if (node.isTextual()) {
            return Texts.hasControlCharacter(node.textValue());
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (Texts.hasControlCharacter(e.getKey()) || hasControlCharacter(e.getValue())) {
                return true;
            }
        }
        for (JsonNode item : node.isArray() ? node : List.<JsonNode>of()) {
            if (hasControlCharacter(item)) {
                return true;
            }
        }
        return false;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Writes {@code body} as the document {@code <root>…</root>}; array fields become repeated elements. */
    public static String write(String root, ObjectNode body) {
        try {
            return MAPPER.writer().withRootName(root).writeValueAsString(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + root, e);
        }
    }

    /** The text of child {@code name}, empty when it is absent or blank; a repeated element is {@link ApiError#MALFORMED_BODY}. */
    public static Optional<String> text(JsonNode parent, String name) {
        JsonNode n = single(parent, name);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return Optional.empty();
        }
        String t = n.asText().trim();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    /**
     * Child element {@code name}: present even when empty ({@code <DeleteObjectTagging/>}); a repeated element is
     * {@link ApiError#MALFORMED_BODY}.
     */
    public static Optional<JsonNode> child(JsonNode parent, String name) {
        return Optional.ofNullable(single(parent, name)).filter(n -> !n.isNull());
    }

    /**
     * Child {@code name}, which may appear once. Jackson reads a repeated element as an array; were it taken as absent,
     * a second {@code <ConfirmationRequired>} would run a job at once and a second {@code <TagSet>} would strip every tag.
     */
    private static JsonNode single(JsonNode parent, String name) {
        JsonNode n = parent == null ? null : parent.get(name);
        if (n != null && n.isArray()) {
            throw ApiException.malformed("The element " + name + " may appear only once.");
        }
        return n;
    }

    /** All items of a list element whatever their element name ({@code <member>}, {@code <S3Tag>}, …), as AWS clients differ. */
    public static List<JsonNode> items(JsonNode list) {
        List<JsonNode> items = new ArrayList<>();
        if (list == null || !list.isObject()) {
            return items;
        }
        list.fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) {
                e.getValue().forEach(items::add);
            } else {
                items.add(e.getValue());
            }
        });
        return items;
    }

    /** The repeated children {@code name} of {@code parent}: one element reads as an object, several as an array. */
    public static List<JsonNode> list(JsonNode parent, String name) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode n = parent == null ? null : parent.get(name);
        if (n == null || n.isNull()) {
            return items;
        }
        if (n.isArray()) {
            n.forEach(items::add);
        } else {
            items.add(n);
        }
        return items;
    }
}
