package dev.s3batch.worker.jobstate;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Batch slots of one worker, handed out by job priority: a batch waits for a slot, and when one frees, the waiting batch
 * of the highest priority (then the oldest) gets it. So whatever tier topic a batch came from, a higher-priority job's
 * batches run before a lower one's as soon as a slot frees, and a priority change applies to batches not yet started.
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
        CompletableFuture<Void> granted = new CompletableFuture<>();
        synchronized (this) {
            if (used < slots && waiting.isEmpty()) {
                used++;
                granted.complete(null);
            } else {
                waiting.add(new Waiter(priority, arrivals++, granted));
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

    /** Batches waiting for a slot. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private record Waiter(int priority, long arrival, CompletableFuture<Void> granted) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            int byPriority = Integer.compare(o.priority, priority);
            return byPriority != 0 ? byPriority : Long.compare(arrival, o.arrival);
        }
    }
}
