package dev.squall.attack.search;

import dev.squall.attack.AttackedText;
import dev.squall.attack.SearchMethod;
import dev.squall.attack.SearchState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Genetic search (after Alzantot et al. 2018): a population of transformations of the original;
 * each generation keeps the elite, then breeds children by fitness-proportional selection,
 * word-wise crossover (when the parents have the same number of words) and mutation by the
 * transformation, for up to {@code generations} generations.
 */
public record GeneticSearch(int population, int generations, double mutationRate) implements SearchMethod {
  public GeneticSearch {
    Searches.positive("population", population);
    Searches.positive("generations", generations);
    if (!(mutationRate >= 0 && mutationRate <= 1)) {
      throw new IllegalArgumentException("mutationRate must be in [0, 1], was " + mutationRate);
    }
  }

  @Override
  public String name() {
    return "genetic";
  }

  @Override
  public void search(SearchState s) {
    record Ind(AttackedText text, double fitness) {}
    List<Ind> pop = new ArrayList<>();
    for (var sc : s.evaluate(s.transformation().transform(s.original(), s.context(), population, s.seed("genetic", "init")))) {
      pop.add(new Ind(sc.text(), sc.margin()));
    }
    for (int g = 0; g < generations && !s.done() && !pop.isEmpty(); g++) {
      pop.sort(Comparator.comparingDouble(Ind::fitness).reversed());
      SplittableRandom rnd = new SplittableRandom(s.seed("genetic", g));
      double min = pop.get(pop.size() - 1).fitness();
      double[] w = new double[pop.size()];
      double total = 0;
      for (int i = 0; i < w.length; i++) {
        w[i] = pop.get(i).fitness() - min + 1e-3;
        total += w[i];
      }
      List<AttackedText> children = new ArrayList<>();
      for (int c = 1; c < population; c++) {
        AttackedText a = pick(pop, w, total, rnd).text();
        AttackedText b = pick(pop, w, total, rnd).text();
        AttackedText child = crossover(a, b, rnd);
        if (rnd.nextDouble() < mutationRate || child.text().equals(a.text())) {
          List<AttackedText> m = s.transformation().transform(child, s.context(), 1, rnd.nextLong());
          if (!m.isEmpty()) {
            child = m.get(0);
          }
        }
        children.add(child);
      }
      List<Ind> next = new ArrayList<>();
      next.add(pop.get(0));
      for (var sc : s.evaluate(children)) {
        if (next.stream().noneMatch(i -> i.text().text().equals(sc.text().text()))) {
          next.add(new Ind(sc.text(), sc.margin()));
        }
      }
      pop = next;
    }
  }

  private static <T> T pick(List<T> pop, double[] w, double total, SplittableRandom rnd) {
    double x = rnd.nextDouble() * total;
    for (int i = 0; i < w.length; i++) {
      x -= w[i];
      if (x <= 0) {
        return pop.get(i);
      }
    }
    return pop.get(pop.size() - 1);
  }

  /** Word-wise uniform crossover; the child is recorded as one edit of {@code a}. */
  private static AttackedText crossover(AttackedText a, AttackedText b, SplittableRandom rnd) {
    List<AttackedText.Span> wa = a.words();
    List<AttackedText.Span> wb = b.words();
    if (wa.size() != wb.size() || a.text().equals(b.text())) {
      return a;
    }
    StringBuilder sb = new StringBuilder();
    int prev = 0;
    for (int i = 0; i < wa.size(); i++) {
      sb.append(a.text(), prev, wa.get(i).start());
      AttackedText.Span sp = rnd.nextBoolean() ? wa.get(i) : null;
      if (sp != null) {
        sb.append(a.text(), sp.start(), sp.end());
      } else {
        sb.append(b.text(), wb.get(i).start(), wb.get(i).end());
      }
      prev = wa.get(i).end();
    }
    sb.append(a.text().substring(prev));
    return a.rewrite("crossover", sb.toString());
  }
}
