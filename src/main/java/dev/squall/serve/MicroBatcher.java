package dev.squall.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a non-thread-safe batch function on one worker thread, batching whatever requests are
 * waiting (up to {@code maxBatch}) into one call. Results are per item, so batching never changes
 * which result a caller gets. Thread-safe; {@link #close()} finishes queued work then stops.
 */
final class MicroBatcher<I, O> implements AutoCloseable {
  private record Job<I, O>(I input, CompletableFuture<O> result) {}

  private final LinkedBlockingQueue<Job<I, O>> queue = new LinkedBlockingQueue<>();
  private final Function<List<I>, List<O>> batch;
  private final int maxBatch;
  private final Thread worker;
  private volatile boolean running = true;

  MicroBatcher(String name, int maxBatch, Function<List<I>, List<O>> batch) {
    this.batch = batch;
    this.maxBatch = maxBatch;
    this.worker = new Thread(this::loop, name);
    worker.setDaemon(true);
    worker.start();
  }

  CompletableFuture<O> submit(I input) {
    CompletableFuture<O> f = new CompletableFuture<>();
    if (!running) {
      f.completeExceptionally(new IllegalStateException("server is shutting down"));
      return f;
    }
    queue.add(new Job<>(input, f));
    return f;
  }

  private void loop() {
    while (running || !queue.isEmpty()) {
      List<Job<I, O>> jobs = new ArrayList<>();
      try {
        Job<I, O> first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        jobs.add(first);
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(jobs, maxBatch - 1);
      try {
        List<O> out = batch.apply(jobs.stream().map(Job::input).toList());
        for (int i = 0; i < jobs.size(); i++) {
          jobs.get(i).result().complete(out.get(i));
        }
      } catch (RuntimeException e) {
        jobs.forEach(j -> j.result().completeExceptionally(e));
      }
    }
    Job<I, O> j;
    while ((j = queue.poll()) != null) {
      j.result().completeExceptionally(new IllegalStateException("server stopped"));
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      worker.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
