package dev.s3batch.worker.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.job.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclDocumentTests {
    /** Ceph RGW 16's answer to GET ?acl, as it is (grantee types as xsi:type attributes, no Type element). */
    static final String RGW = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Owner><ID>s3batch</ID><DisplayName>s3batch local stack</DisplayName></Owner><AccessControlList>"
            + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>s3batch</ID>"
            + "<DisplayName>s3batch local stack</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
            + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
            + "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>"
            + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>someone</ID>"
            + "</Grantee><Permission>WRITE_ACP</Permission></Grant>"
            + "</AccessControlList></AccessControlPolicy>";

    @Test
    void readsTheStoresDocument() {
        AclDocument acl = AclDocument.parse(RGW);
        assertEquals("s3batch", acl.ownerId());
        assertEquals("s3batch local stack", acl.ownerDisplayName());
        assertEquals(List.of(new Operation.Grant("id", "s3batch", "s3batch local stack", "FULL_CONTROL"),
                new Operation.Grant("uri", "http://acs.amazonaws.com/groups/global/AllUsers", null, "READ"),
                new Operation.Grant("id", "someone", null, "WRITE_ACP")), acl.grants());
        assertEquals(acl, AclDocument.parse(acl.xml()), "written back as read");
    }

    @Test
    void refusesDoctypesAndDocumentsItCannotRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><AccessControlPolicy><Owner><ID>&x;</ID>"
                + "</Owner></AccessControlPolicy>";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AclDocument.parse(xxe));
        assertTrue(e.getMessage().contains("could not be read"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> AclDocument.parse("not xml"));
        assertThrows(IllegalStateException.class, () -> AclDocument.parse("<AccessControlPolicy><AccessControlList><Grant><Grantee "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Alien\"/><Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>"));
    }
}
