package dev.s3batch.planner.manifest;

import dev.s3batch.model.event.TaskRef;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest read task by task, whatever its kind. {@link #cursor()} is an opaque, durable position: a reader of the same
 * manifest opened at it (after a crash, on another planner) continues with exactly the next task.
 */
public interface ManifestReader extends Closeable {

    /** The next task, or null at the end of the manifest. */
    TaskRef next() throws IOException, ManifestException;

    /** The position just after the last task returned. */
    String cursor();

    /** Up to {@code max} tasks; an empty list at the end of the manifest. */
    default List<TaskRef> nextBatch(int max) throws IOException, ManifestException {
        List<TaskRef> batch = new ArrayList<>(Math.min(max, 4096));
        TaskRef t;
        while (batch.size() < max && (t = next()) != null) {
            batch.add(t);
        }
        return batch;
    }
}
