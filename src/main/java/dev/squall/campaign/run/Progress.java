package dev.squall.campaign.run;

import java.io.PrintWriter;

/**
 * Progress lines for one stage on stderr: done/total items (item × model), items/s over this
 * session's work and an ETA; at most one line every {@code intervalMs}, plus a final one. Items
 * already in the store (a resume) count as done but not towards the rate.
 */
final class Progress {
  private final PrintWriter err;
  private final String stage;
  private final long total;
  private final long intervalMs;
  private final long start = System.nanoTime();
  private long done;
  private long worked;
  private long lastPrint;

  Progress(PrintWriter err, String stage, long total, long intervalMs) {
    this.err = err;
    this.stage = stage;
    this.total = total;
    this.intervalMs = intervalMs;
  }

  synchronized void advance(long items, boolean resumed) {
    done += items;
    if (!resumed) {
      worked += items;
    }
    long now = System.nanoTime();
    if ((now - lastPrint) / 1_000_000 >= intervalMs) {
      lastPrint = now;
      print(false);
    }
  }

  synchronized void finish() {
    print(true);
  }

  private void print(boolean last) {
    if (err == null) {
      return;
    }
    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    double rate = worked / secs;
    StringBuilder b = new StringBuilder();
    b.append(String.format("[%s] %d", stage, done));
    if (total > 0) {
      b.append(String.format("/%d (%.0f%%)", total, 100.0 * done / total));
    }
    b.append(String.format(" items  %.1f items/s", rate));
    if (last) {
      b.append(String.format("  done in %s", clock(secs)));
    } else if (total > 0 && rate > 0) {
      b.append("  ETA ").append(clock(Math.max(0, total - done) / rate));
    }
    err.println(b);
    err.flush();
  }

  static String clock(double secs) {
    long s = Math.round(secs);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
  }
}
