package dev.s3batch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.s3batch.model.manifest.S3Keys;
import org.junit.jupiter.api.Test;

class S3KeysTests {
    @Test
    void encodesSpacesSlashesAndUnicodeAsReportsShowThem() {
        assertEquals("documents%2Freport%201.pdf", S3Keys.encode("documents/report 1.pdf"));
        assertEquals("%E6%97%A5%E6%9C%AC~a%2Ab", S3Keys.encode("日本~a*b"));
    }

    @Test
    void decodesWhatEncodeWritesAndPlusAsSpace() {
        String key = "a b/c+d%e/日本.txt";
        assertEquals(key, S3Keys.decode(S3Keys.encode(key)));
        assertEquals("a b", S3Keys.decode("a+b"));
    }
}
