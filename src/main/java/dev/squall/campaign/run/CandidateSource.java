package dev.squall.campaign.run;

import dev.squall.world.PreferencePair;
import java.util.List;

/**
 * Where a best-of-N stage's candidates come from. Each item gets the same candidates whichever
 * reward model asks, in the same order, so every proxy's pick is over one shared set and curves are
 * comparable.
 */
interface CandidateSource {
  /** {@code max} candidates per pair of {@code batch}, in batch order. */
  List<List<String>> candidates(List<PreferencePair> batch, int max);

  /** One line for provenance and the report, e.g. {@code policy (T=0.3)}. */
  String describe();

  /** A source for stages that only summarize stored rows; it refuses to produce candidates. */
  CandidateSource NONE =
      new CandidateSource() {
        @Override
        public List<List<String>> candidates(List<PreferencePair> batch, int max) {
          throw new IllegalStateException("this stage was built to summarize stored rows, not to sample");
        }

        @Override
        public String describe() {
          return "none";
        }
      };
}
