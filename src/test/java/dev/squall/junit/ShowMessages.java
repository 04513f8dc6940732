package dev.squall.junit;

import static dev.squall.junit.SquallAssertions.assertThatRewardModel;

import dev.squall.world.Split;
import dev.squall.world.SpuriousFeature;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("show")
class ShowMessages {
  @Test
  void show() {
    Dataset d = Datasets.world("arithmetic", Split.TEST, 200, 7);
    try {
      assertThatRewardModel(FakeModels.flatteredClassic()).on(d).under("flattery").hasAttackSuccessRateAtMost(0.10);
    } catch (AssertionError e) { System.out.println(e.getMessage() + "\n----"); }
    try {
      assertThatRewardModel(FakeModels.flatteredClassic()).on(d).under("flattery").isAtLeastAsRobustAs(FakeModels.oracleCloud()).within(0.02);
    } catch (AssertionError e) { System.out.println(e.getMessage() + "\n----"); }
    try {
      assertThatRewardModel(FakeModels.flatteredClassic()).on(d).withEarlyStopping(4).isNotSwayedBy(SpuriousFeature.FLATTERY);
    } catch (AssertionError e) { System.out.println(e.getMessage() + "\n----"); }
  }
}
