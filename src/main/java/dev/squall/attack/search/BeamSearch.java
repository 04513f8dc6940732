package dev.squall.attack.search;

import dev.squall.attack.AttackedText;
import dev.squall.attack.SearchMethod;
import dev.squall.attack.SearchState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search: keeps the {@code width} best texts; each step expands every beam member into
 * {@code perMember} transformations, scores them in one batch, and keeps the best {@code width}
 * of beam and children. Stops on success, spent budget, no improvement, or {@code maxDepth} steps.
 */
public record BeamSearch(int width, int perMember, int maxDepth) implements SearchMethod {
  public BeamSearch {
    Searches.positive("width", width);
    Searches.positive("perMember", perMember);
    Searches.positive("maxDepth", maxDepth);
  }

  @Override
  public String name() {
    return "beam";
  }

  @Override
  public void search(SearchState s) {
    record Member(AttackedText text, double margin) {}
    List<Member> beam = new ArrayList<>(List.of(new Member(s.original(), s.originalMargin())));
    for (int depth = 0; depth < maxDepth && !s.done(); depth++) {
      List<AttackedText> children = new ArrayList<>();
      for (int i = 0; i < beam.size(); i++) {
        children.addAll(
            s.transformation().transform(beam.get(i).text(), s.context(), perMember, s.seed("beam", depth, i)));
      }
      List<Member> pool = new ArrayList<>(beam);
      double bestBefore = beam.get(0).margin();
      for (var sc : s.evaluate(children)) {
        if (pool.stream().noneMatch(m -> m.text().text().equals(sc.text().text()))) {
          pool.add(new Member(sc.text(), sc.margin()));
        }
      }
      pool.sort(Comparator.comparingDouble(Member::margin).reversed());
      beam = new ArrayList<>(pool.subList(0, Math.min(width, pool.size())));
      if (beam.get(0).margin() <= bestBefore && children.isEmpty()) {
        return;
      }
    }
  }
}
