package dev.s3batch.worker.operation;

import dev.s3batch.model.job.Operation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An S3 {@code AccessControlPolicy} document as a store answers {@code GET ?acl}: the owner and the grants. Read with
 * the JDK's parser (no DTDs, no external entities), the grantee's type from {@code xsi:type} — MinIO's own model
 * insists on a {@code <Type>} element Ceph RGW does not write.
 *
 * @param grants as the job model spells them (grantee type {@code id}, {@code uri} or {@code emailAddress})
 */
record AclDocument(String ownerId, String ownerDisplayName, List<Operation.Grant> grants) {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    static AclDocument parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            Element owner = child(root, "Owner");
            List<Operation.Grant> grants = new ArrayList<>();
            Element list = child(root, "AccessControlList");
            if (list != null) {
                for (Element grant : children(list, "Grant")) {
                    Element grantee = child(grant, "Grantee");
                    String permission = text(grant, "Permission");
                    if (grantee == null || permission == null) {
                        throw new IllegalStateException("The store's ACL document has a grant without a grantee or permission.");
                    }
                    String type = grantee.getAttributeNS(XSI, "type");
                    if (type.isEmpty()) {
                        type = text(grantee, "Type") == null ? "" : text(grantee, "Type");
                    }
                    grants.add(switch (type) {
                        case "Group" -> new Operation.Grant("uri", text(grantee, "URI"), null, permission);
                        case "AmazonCustomerByEmail" -> new Operation.Grant("emailAddress", text(grantee, "EmailAddress"), null, permission);
                        case "CanonicalUser" -> new Operation.Grant("id", text(grantee, "ID"), text(grantee, "DisplayName"), permission);
                        default -> throw new IllegalStateException("The store's ACL document has a grantee of unknown type " + type + ".");
                    });
                }
            }
            return new AclDocument(owner == null ? null : text(owner, "ID"), owner == null ? null : text(owner, "DisplayName"), grants);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The store's ACL document could not be read.", e);
        }
    }

    /** The document again, as PutObjectAcl takes it. */
    String xml() {
        return PutObjectAclOperation.policy(ownerId, ownerDisplayName, grants);
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
