package dev.squall.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.remote.OpenAiChatClient;
import dev.squall.remote.RemoteCritiqueCloudModel;
import dev.squall.remote.RemotePolicy;
import dev.squall.remote.ScoreEndpointRewardModel;
import dev.squall.remote.ScoreEndpointSpec;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote model pointed at {@code squall serve} gives the in-process model's results, item for item. */
class ServeParityTest {
  @TempDir static Path root;
  static Path classicDir;
  static Path cloudDir;
  static Path policyDir;
  static final CritiqueDecoding DECODING = CritiqueDecoding.defaults().withMaxTokens(12);

  @BeforeAll
  static void folders() {
    classicDir = ServeFixtures.classic(root);
    cloudDir = ServeFixtures.cloud(root);
    policyDir = ServeFixtures.policy(root);
  }

  static void assertSame(List<RewardResult> want, List<RewardResult> got) {
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      RewardResult w = want.get(i);
      RewardResult g = got.get(i);
      assertFalse(g.isError(), "item " + i + ": " + g.error());
      assertEquals(w.reward(), g.reward(), 1e-5 * Math.max(1, Math.abs(w.reward())), "reward of item " + i);
      assertEquals(w.critique(), g.critique(), "critique of item " + i);
      assertEquals(w.truncated(), g.truncated(), "truncation of item " + i);
    }
  }

  @Test
  void classicOverScoreEndpointMatchesInProcess() {
    List<ScoringRequest> items = ServeFixtures.items(20);
    List<RewardResult> local;
    try (RewardModel m = LocalModels.loadRewardModel(classicDir, LoadOptions.defaults())) {
      local = m.scoreAll(items);
    }
    try (SquallServer s = SquallServer.start(ServeOptions.loopback(classicDir));
        ScoreEndpointRewardModel remote = new ScoreEndpointRewardModel(
            "classic@serve", RewardModelKind.CLASSIC, ServeFixtures.caller(s.baseUrl(), 3, 4, 8), ScoreEndpointSpec.preset("squall"))) {
      List<RewardResult> got = remote.scoreAll(items);
      assertSame(local, got);
      assertTrue(got.get(0).critiques().isEmpty());
      assertEquals(20, remote.usage().requests());
    }
  }

  @Test
  void cloudOverScoreEndpointAndOverChatPlusScoreMatchInProcess() {
    List<ScoringRequest> items = ServeFixtures.items(20);
    List<RewardResult> local;
    try (RewardModel m = LocalModels.loadRewardModel(cloudDir, LoadOptions.defaults().withDecoding(DECODING))) {
      local = m.scoreAll(items);
    }
    assertNotEquals(local.get(0).critique(), local.get(1).critique());
    try (SquallServer s = SquallServer.start(ServeOptions.loopback(cloudDir).withDecoding(DECODING))) {
      // 1. the whole CLoud model behind /score
      try (ScoreEndpointRewardModel remote = new ScoreEndpointRewardModel(
          "cloud@serve", RewardModelKind.CLOUD, ServeFixtures.caller(s.baseUrl(), 3, 4, 8), ScoreEndpointSpec.preset("squall"))) {
        assertSame(local, remote.scoreAll(items));
      }
      // 2. critiques from the chat API, reward from /score with the critique given
      ScoreEndpointRewardModel head = new ScoreEndpointRewardModel(
          "cloud-head@serve", RewardModelKind.CLOUD, ServeFixtures.caller(s.baseUrl(), 3, 4, 8), ScoreEndpointSpec.preset("squall"));
      try (RemoteCritiqueCloudModel composed = new RemoteCritiqueCloudModel(
          "cloud-composed", new OpenAiChatClient(ServeFixtures.caller(s.baseUrl(), 3, 4, 8)), head, DECODING)) {
        List<RewardResult> got = composed.scoreAll(items);
        assertSame(local, got);
        assertEquals(local.get(3).critiques().get(0).tokens(), got.get(3).critiques().get(0).tokens());
        assertTrue(composed.usage().completionTokens() > 0);
      }
      // 3. the same composition with the in-process model as reward head
      try (RewardModel localHead = LocalModels.loadRewardModel(cloudDir, LoadOptions.defaults().withDecoding(DECODING));
          RemoteCritiqueCloudModel composed = new RemoteCritiqueCloudModel(
              "cloud-composed-local", new OpenAiChatClient(ServeFixtures.caller(s.baseUrl(), 3, 4, 8)), localHead, DECODING)) {
        assertSame(local.subList(0, 6), composed.scoreAll(items.subList(0, 6)));
      }
    }
  }

  @Test
  void remotePolicySamplesDeterministically() {
    try (SquallServer s = SquallServer.start(ServeOptions.loopback(policyDir));
        RemotePolicy p = new RemotePolicy("policy@serve", new OpenAiChatClient(ServeFixtures.caller(s.baseUrl(), 3, 2, 4)), 8)) {
      List<String> a = p.sample("What is 12 + 30?", 3, 1.0, 5);
      List<String> b = p.sample("What is 12 + 30?", 3, 1.0, 5);
      assertEquals(3, a.size());
      assertEquals(a, b, "same seed, same samples");
      assertTrue(p.usage().completionTokens() > 0);
    }
  }
}
