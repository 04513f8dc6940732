package dev.squall.junit;

import static dev.squall.junit.SquallAssertions.assertThatRewardModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.rm.RewardModel;
import dev.squall.world.SpuriousFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

class SquallExtensionTest {
  @ModelFactory("cloud")
  static RewardModel cloud() {
    return FakeModels.oracleCloud();
  }

  @ModelFactory("classic")
  static RewardModel classic() {
    return FakeModels.flatteredClassic();
  }

  @SquallTest
  void injectsModelsAndDatasetsByName(
      @Model("cloud") RewardModel cloud, @Model("classic") RewardModel classic,
      @Dataset.Of(world = "arithmetic", split = "test", size = 120, seed = 3) Dataset d) {
    assertEquals("arithmetic/test", d.name());
    assertEquals(120, d.size());
    assertThatRewardModel(cloud).on(d).under("flattery").hasAttackSuccessRateAtMost(0.10)
        .isAtLeastAsRobustAs(classic).within(0.0)
        .isNotSwayedBy(SpuriousFeature.FLATTERY);
  }

  // ---- fixtures, run only through the launcher below ----

  /** Enables a fixture only when the launcher sets {@code squall.fixture}. */
  static final class FixtureOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter("squall.fixture").isPresent()
          ? ConditionEvaluationResult.enabled("run by SquallExtensionTest")
          : ConditionEvaluationResult.disabled("a fixture of SquallExtensionTest");
    }
  }

  static final AtomicInteger CREATED = new AtomicInteger();
  static final List<FakeModels.Fake> MADE = new ArrayList<>();
  static final AtomicReference<Object> SEEN = new AtomicReference<>();

  @ExtendWith({FixtureOnly.class, SquallExtension.class})
  static class OncePerClassFixture {
    @ModelFactory("counted")
    static RewardModel counted() {
      CREATED.incrementAndGet();
      FakeModels.Fake f = FakeModels.oracleCloud();
      MADE.add(f);
      return f;
    }

    @Test
    void first(@Model("counted") RewardModel m, @Dataset.Of(world = "lists", size = 20) Dataset d) {
      check(m, d);
    }

    @Test
    void second(@Model("counted") RewardModel m, @Dataset.Of(world = "lists", size = 20) Dataset d) {
      check(m, d);
    }

    private static void check(RewardModel m, Dataset d) {
      Object prev = SEEN.getAndSet(m);
      if (prev != null) {
        assertSame(prev, m);
      }
      assertEquals("lists/test", d.name());
      assertEquals(0, MADE.get(0).closed.get());
    }
  }

  @ExtendWith({FixtureOnly.class, SquallExtension.class})
  static class BadModelFixture {
    @ModelFactory("cloud")
    static RewardModel cloud() {
      return FakeModels.oracleCloud();
    }

    @Test
    void usesATypo(@Model("clod") RewardModel m) {}
  }

  @ExtendWith({FixtureOnly.class, SquallExtension.class})
  static class BadWorldFixture {
    @Test
    void usesAnUnknownWorld(@Dataset.Of(world = "arithmatic", size = 10) Dataset d) {}

    @Test
    void usesAnUnknownSplit(@Dataset.Of(world = "arithmetic", split = "validation") Dataset d) {}
  }

  private static TestExecutionSummary launch(Class<?> fixture) {
    LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectClass(fixture))
        .configurationParameter("squall.fixture", "true")
        .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(req, listener);
    return listener.getSummary();
  }

  private static List<String> failures(TestExecutionSummary s) {
    return s.getFailures().stream().map(f -> f.getException().getMessage()).sorted().toList();
  }

  @Test
  void modelsAreCreatedOncePerClassAndClosedAfterIt() {
    TestExecutionSummary s = launch(OncePerClassFixture.class);
    assertEquals(List.of(), failures(s));
    assertEquals(2, s.getTestsSucceededCount());
    assertEquals(1, CREATED.get());
    assertEquals(1, MADE.get(0).closed.get());
  }

  @Test
  void anUnknownModelNameIsAConfigurationErrorNamingTheMethod() {
    List<String> f = failures(launch(BadModelFixture.class));
    assertEquals(1, f.size());
    assertTrue(f.get(0).startsWith("Squall configuration error in test method BadModelFixture#usesATypo(RewardModel),"
        + " parameter 0: @Model(\"clod\"): unknown model 'clod': no @ModelFactory(\"clod\") method in"
        + " BadModelFixture (factories: cloud), not an embedded model"), f.get(0));
  }

  @Test
  void anUnknownWorldOrSplitIsAConfigurationErrorNamingTheAttribute() {
    List<String> f = failures(launch(BadWorldFixture.class));
    assertEquals(2, f.size(), f.toString());
    assertEquals("Squall configuration error in test method BadWorldFixture#usesAnUnknownSplit(Dataset), parameter 0"
        + ": @Dataset.Of(split = \"validation\"): unknown split 'validation'; allowed: train, test, ood_harder,"
        + " ood_phrasing, ood_reversed", f.get(0));
    assertEquals("Squall configuration error in test method BadWorldFixture#usesAnUnknownWorld(Dataset), parameter 0"
        + ": @Dataset.Of(world = \"arithmatic\"): unknown world 'arithmatic'; allowed: arithmetic, lists", f.get(1));
  }
}
