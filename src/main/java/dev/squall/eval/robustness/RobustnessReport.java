package dev.squall.eval.robustness;

import dev.squall.attack.AttackResult;
import java.util.List;

/** Everything the robustness evaluator measured, with the per-item results behind it. */
public record RobustnessReport(
    List<AttackSummary> attacks,
    List<FamilySummary> families,
    List<ModelComparison> comparisons,
    List<AttackResult> results) {
  public RobustnessReport {
    attacks = List.copyOf(attacks);
    families = List.copyOf(families);
    comparisons = List.copyOf(comparisons);
    results = List.copyOf(results);
  }
}
