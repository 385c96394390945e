package dev.s3batch.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A 500's ERROR log line carries the request id of the answer the client got (it logged another, new one). */
class RouteErrorsLogTests {

    @Test
    void theLoggedRequestIdIsTheOneInTheAnswer() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RouteErrors.class.getName());
        logger.addHandler(capture);
        try {
            for (String path : List.of("/v20180820/jobs", "/jobs", "/")) {
                lines.clear();
                String body = String.valueOf(RouteErrors.internal(path, "h", new IllegalStateException("boom")).getEntity());
                Matcher id = Pattern.compile("<RequestId>([^<]+)</RequestId>").matcher(body);
                assertTrue(id.find(), body);
                assertEquals(1, lines.size(), lines.toString());
                assertTrue(lines.get(0).contains(id.group(1)), lines.get(0) + " vs " + body);
                assertFalse(body.contains("IllegalStateException") || body.contains("boom"), body);
            }
        } finally {
            logger.removeHandler(capture);
        }
    }
}
