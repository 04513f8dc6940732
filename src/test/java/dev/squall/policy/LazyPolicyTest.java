package dev.squall.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LazyPolicy}: loads once, on the first sample only; closes what it loaded; refuses after close. */
class LazyPolicyTest {
  static final class Echo implements CandidatePolicy {
    boolean closed;

    @Override
    public String name() {
      return "echo";
    }

    @Override
    public List<String> sample(String prompt, int n, double temperature, long seed) {
      return Collections.nCopies(n, prompt + "#" + seed);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void loadsOnceOnFirstSampleAndClosesIt() {
    List<Echo> opened = new ArrayList<>();
    LazyPolicy lazy = new LazyPolicy("p", () -> {
      Echo e = new Echo();
      opened.add(e);
      return e;
    });
    assertEquals("p", lazy.name());
    assertFalse(lazy.isLoaded());
    assertTrue(opened.isEmpty(), "nothing is loaded before a sample is asked for");
    assertEquals(List.of("q#3", "q#3"), lazy.sample("q", 2, 1.0, 3));
    lazy.sample("r", 1, 0.0, 4);
    assertEquals(1, opened.size(), "loaded exactly once");
    lazy.close();
    assertTrue(opened.get(0).closed);
    assertThrows(IllegalStateException.class, () -> lazy.sample("q", 1, 1.0, 1));
    lazy.close();
  }

  @Test
  void closingAnUnloadedPolicyLoadsNothing() {
    LazyPolicy lazy = new LazyPolicy("p", () -> {
      throw new AssertionError("must not load");
    });
    lazy.close();
    assertFalse(lazy.isLoaded());
  }
}
