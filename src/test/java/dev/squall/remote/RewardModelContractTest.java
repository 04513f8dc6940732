package dev.squall.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One contract run against every remote reward model: results in request order, one per request;
 * a failure is an error result with a NaN reward; an empty batch is empty.
 */
class RewardModelContractTest {
  /** Answers every other request with a 400 (non-retriable), else a reward/judge answer derived from the body length. */
  static ScriptedTransport flaky() {
    AtomicInteger n = new AtomicInteger();
    return new ScriptedTransport(r -> {
      if (r.body().contains("FAIL")) {
        return ScriptedTransport.json(400, "{\"error\":\"no\"}");
      }
      n.incrementAndGet();
      return ScriptedTransport.json(200, r.url().endsWith("/score")
          ? "{\"reward\":" + r.body().length() + "}"
          : ScriptedTransport.chat("critique. Score: " + (1 + r.body().length() % 9)));
    });
  }

  static ResilientCaller caller(ScriptedTransport t) {
    return new ResilientCaller(RemoteSettings.of("http://127.0.0.1:9"), t, Map.<String, String>of()::get, new FakeTime(), System::nanoTime);
  }

  abstract static class Contract {
    abstract RewardModel model();

    @Test
    void oneResultPerRequestInOrderWithErrorsVisible() {
      try (RewardModel m = model()) {
        List<ScoringRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          reqs.add(ScoringRequest.of("q" + i, (i % 4 == 3 ? "FAIL " : "r") + "x".repeat(i)));
        }
        List<RewardResult> rs = m.scoreAll(reqs);
        assertEquals(12, rs.size());
        for (int i = 0; i < 12; i++) {
          boolean fail = i % 4 == 3;
          assertEquals(fail, rs.get(i).isError(), "item " + i);
          assertEquals(fail, Double.isNaN(rs.get(i).reward()), "item " + i);
        }
        // order: the same request scored alone gives the same reward
        assertEquals(rs.get(5).reward(), m.score(reqs.get(5)).reward());
        assertTrue(m.scoreAll(List.of()).isEmpty());
      }
    }
  }

  @Nested
  class ScoreEndpoint extends Contract {
    @Override
    RewardModel model() {
      return new ScoreEndpointRewardModel("s", RewardModelKind.REMOTE, caller(flaky()), ScoreEndpointSpec.preset("squall"));
    }
  }

  @Nested
  class Judge extends Contract {
    @Override
    RewardModel model() {
      return new JudgeRewardModel("j", new OpenAiChatClient(caller(flaky())), JudgeRewardModel.DEFAULT_TEMPLATE, 1, 10, 16, 0);
    }
  }

  @Nested
  class CritiquesPlusHead extends Contract {
    @Override
    RewardModel model() {
      ScriptedTransport t = flaky();
      return new RemoteCritiqueCloudModel("c", new OpenAiChatClient(caller(t)),
          new ScoreEndpointRewardModel("h", RewardModelKind.CLOUD, caller(t), ScoreEndpointSpec.preset("squall")),
          CritiqueDecoding.defaults().withMaxTokens(8));
    }
  }
}
