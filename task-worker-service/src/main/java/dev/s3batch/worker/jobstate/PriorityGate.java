package dev.s3batch.worker.jobstate;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Slots handed out by job priority: a caller waits for a slot, and when one frees, the waiting caller of the highest
 * priority (then the oldest) gets it. The worker's S3 requests take such slots, so whatever tier topic a batch came by, a
 * higher-priority job's tasks run before a lower one's as soon as a request finishes, and a priority change applies to
 * tasks not yet started.
 */
public final class PriorityGate {
    private final int slots;
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>();
    private int used;
    private long arrivals;

    public PriorityGate(int slots) {
        this.slots = Math.max(1, slots);
    }

    /** Completes when the caller holds a slot; it must {@link #release()} it once. */
    public CompletableFuture<Void> acquire(int priority) {
        return acquire(priority, 0);
    }

    /**
     * Completes when the caller holds a slot; among callers of the same priority, a lower {@code group} (e.g. an older
     * batch) goes first, then the earlier caller. It must {@link #release()} the slot once.
     */
    public CompletableFuture<Void> acquire(int priority, long group) {
        CompletableFuture<Void> granted = new CompletableFuture<>();
        synchronized (this) {
            if (used < slots && waiting.isEmpty()) {
                used++;
                granted.complete(null);
            } else {
                waiting.add(new Waiter(priority, group, arrivals++, granted));
            }
        }
        return granted;
    }

    public void release() {
        CompletableFuture<Void> next = null;
        synchronized (this) {
            used--;
            if (!waiting.isEmpty()) {
                used++;
                next = waiting.poll().granted;
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }

    /** Callers waiting for a slot. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private record Waiter(int priority, long group, long arrival, CompletableFuture<Void> granted) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            int byPriority = Integer.compare(o.priority, priority);
            if (byPriority != 0) {
                return byPriority;
            }
            int byGroup = Long.compare(group, o.group);
            return byGroup != 0 ? byGroup : Long.compare(arrival, o.arrival);
        }
    }
}
