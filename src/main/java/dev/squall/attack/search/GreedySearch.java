package dev.squall.attack.search;

import dev.squall.attack.AttackedText;
import dev.squall.attack.SearchMethod;
import dev.squall.attack.SearchState;
import dev.squall.attack.WordTransformation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Greedy search. With a {@link WordTransformation} and {@code wordImportance}, it first ranks
 * words by how much deleting each one moves the reward (one probe per word, charged to the
 * budget), then edits the words in that order, keeping an edit whenever it raises the goal margin
 * (TextAttack's greedy-WIR). Otherwise it hill-climbs: each step scores {@code perStep}
 * transformations of the current best and moves to the best improvement, for up to {@code
 * maxSteps} steps.
 */
public record GreedySearch(int perStep, int maxSteps, boolean wordImportance) implements SearchMethod {
  public GreedySearch {
    Searches.positive("perStep", perStep);
    Searches.positive("maxSteps", maxSteps);
  }

  @Override
  public String name() {
    return wordImportance ? "greedy_word_importance" : "greedy";
  }

  @Override
  public void search(SearchState s) {
    if (wordImportance && s.transformation() instanceof WordTransformation wt) {
      byImportance(s, wt);
    } else {
      hillClimb(s);
    }
  }

  private void byImportance(SearchState s, WordTransformation wt) {
    AttackedText orig = s.original();
    List<AttackedText.Span> words = orig.words();
    List<String> probes = new ArrayList<>();
    for (AttackedText.Span w : words) {
      probes.add(orig.text().substring(0, w.start()) + orig.text().substring(w.end()));
    }
    List<OptionalDouble> r = s.probe(probes);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      order.add(i);
    }
    double base = s.originalReward();
    order.sort(
        Comparator.comparingDouble(
            (Integer i) -> r.get(i).isPresent() ? -Math.abs(r.get(i).getAsDouble() - base) : 0.0));
    AttackedText cur = orig;
    double curMargin = s.originalMargin();
    int[] at = new int[words.size()]; // original word index -> index in cur (fillers shift words)
    for (int i = 0; i < at.length; i++) {
      at[i] = i;
    }
    int step = 0;
    for (int w : order) {
      if (s.done() || step++ >= maxSteps) {
        return;
      }
      int cw = at[w];
      if (cw >= cur.words().size()) {
        continue;
      }
      List<AttackedText> cands = wt.atWord(cur, cw, s.context(), s.seed("greedy-wir", w));
      if (cands.size() > perStep) {
        cands = cands.subList(0, perStep);
      }
      AttackedText next = null;
      for (var sc : s.evaluate(cands)) {
        if (sc.margin() > curMargin) {
          curMargin = sc.margin();
          next = sc.text();
        }
      }
      if (next != null) {
        int delta = next.words().size() - cur.words().size();
        for (int j = 0; j < at.length; j++) {
          if (at[j] > cw) {
            at[j] += delta;
          }
        }
        cur = next;
      }
    }
  }

  private void hillClimb(SearchState s) {
    AttackedText cur = s.original();
    double curMargin = s.originalMargin();
    for (int step = 0; step < maxSteps && !s.done(); step++) {
      List<AttackedText> cands = s.transformation().transform(cur, s.context(), perStep, s.seed("greedy", step, cur.text()));
      AttackedText next = null;
      for (var sc : s.evaluate(cands)) {
        if (sc.margin() > curMargin) {
          curMargin = sc.margin();
          next = sc.text();
        }
      }
      if (next == null) {
        return;
      }
      cur = next;
    }
  }
}
