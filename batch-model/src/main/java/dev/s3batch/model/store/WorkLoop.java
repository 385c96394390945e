package dev.s3batch.model.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Daemon threads that each run {@code step} over and over: at once while it reports more work, otherwise after
 * {@link #wake()} (e.g. a {@link PgWakeups} notification) or {@code idle} at the latest. A step that throws is logged
 * and tried again a second later. The relay, the planner and the finalizer are such loops.
 */
public final class WorkLoop {
    private static final Logger LOG = Logger.getLogger(WorkLoop.class.getName());

    private final String name;
    private final Duration idle;
    private final BooleanSupplier step;
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** @param step one round of work; true when there may be more to do at once */
    public WorkLoop(String name, Duration idle, BooleanSupplier step) {
        this.name = name;
        this.idle = idle;
        this.step = step;
    }

    public void start(int threadCount) {
        running = true;
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(this::run, name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops the loop: each thread ends after its current step (waiting at most {@code grace}). */
    public void stop(Duration grace) throws InterruptedException {
        running = false;
        wake.release(threads.size());
        for (Thread t : threads) {
            t.join(grace.toMillis());
        }
    }

    public boolean running() {
        return running;
    }

    /** Runs the next round now, on every thread that is waiting. */
    public void wake() {
        wake.release(Math.max(1, threads.size()));
    }

    private void run() {
        while (running) {
            try {
                if (!step.getAsBoolean() && wake.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " failed; retrying in a second", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
