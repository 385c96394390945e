package dev.s3batch.worker.jobstate;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Slots handed out by job priority: a caller waits for a slot, and when one frees, the waiting caller of the highest
 * priority (then the oldest) gets it. The worker's S3 requests take such slots, so whatever tier topic a batch came by, a
 * higher-priority job's tasks run before a lower one's as soon as a request finishes, and a priority change applies to
 * tasks not yet started.
 * <p>
 * The number of slots adapts to the store (additive increase, multiplicative decrease, as TCP does): each
 * {@link #congested()} (the store said SlowDown) takes it down to 70 % — at most once per {@link #DECREASE_SPACING}, so
 * one burst of refusals counts once — never below {@code minSlots}; each {@link #succeeded()} adds 1/limit, so a full
 * round of successes adds one slot, up to {@code maxSlots}.
 */
public final class PriorityGate {
    static final long DECREASE_SPACING = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);
    private final int maxSlots;
    private final int minSlots;
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>();
    private double limit;
    private long lastDecrease = System.nanoTime() - DECREASE_SPACING;
    private int used;
    private long arrivals;

    public PriorityGate(int slots) {
        this(slots, slots);
    }

    public PriorityGate(int maxSlots, int minSlots) {
        this.maxSlots = Math.max(1, maxSlots);
        this.minSlots = Math.max(1, Math.min(minSlots, this.maxSlots));
        this.limit = this.maxSlots;
    }

    /** The slots callers may hold now. */
    public synchronized int limit() {
        return (int) limit;
    }

    /** The store pushed back (SlowDown): fewer slots. Returns the new limit. */
    public synchronized int congested() {
        long now = System.nanoTime();
        if (now - lastDecrease >= DECREASE_SPACING) {
            limit = Math.max(minSlots, limit * 0.7);
            lastDecrease = now;
        }
        return (int) limit;
    }

    /** A request went through: a little more room, up to the maximum. */
    public void succeeded() {
        List<CompletableFuture<Void>> granted = new ArrayList<>();
        synchronized (this) {
            if (limit >= maxSlots) {
                return;
            }
            limit = Math.min(maxSlots, limit + 1 / limit);
            grantWhileRoom(granted);
        }
        granted.forEach(g -> g.complete(null));
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
            if (used < (int) limit && waiting.isEmpty()) {
                used++;
                granted.complete(null);
            } else {
                waiting.add(new Waiter(priority, group, arrivals++, granted));
            }
        }
        return granted;
    }

    public void release() {
        List<CompletableFuture<Void>> granted = new ArrayList<>();
        synchronized (this) {
            used--;
            grantWhileRoom(granted);
        }
        granted.forEach(g -> g.complete(null));
    }

    private void grantWhileRoom(List<CompletableFuture<Void>> granted) {
        while (!waiting.isEmpty() && used < (int) limit) {
            used++;
            granted.add(waiting.poll().granted);
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
