package dev.s3batch.planner.manifest;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Iterates a slow {@link Iterable} (a paged listing) on a thread of its own, up to {@code capacity} items ahead, so the
 * next page is fetched while this one is handled. Closing it stops the thread (after the page it is reading).
 */
final class Prefetched<T> implements Iterator<T>, AutoCloseable {
    private static final Object END = new Object();

    private record Failure(RuntimeException error) {
    }

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private Object next;

    Prefetched(Iterable<T> source, int capacity, String name) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> {
            try {
                for (T item : source) {
                    if (closed) {
                        return;
                    }
                    queue.put(item);
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                queue.offer(new Failure(e));
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing", e);
            }
        }
        if (next instanceof Failure f) {
            throw f.error();
        }
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T item = (T) next;
        next = null;
        return item;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
    }
}
