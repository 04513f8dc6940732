package dev.squall.campaign;

import dev.squall.campaign.cli.CampaignCommands;
import dev.squall.cli.SquallCli;

/**
 * The CLI with slow fake models, for tests that run {@code squall run} in a child JVM and kill it:
 * {@code FakeCampaignMain DELAY_MS squall-args...}.
 */
public final class FakeCampaignMain {
  private FakeCampaignMain() {}

  public static void main(String[] args) {
    CampaignCommands.modelProvider = FakeModels.provider(Long.parseLong(args[0]));
    SquallCli.main(java.util.Arrays.copyOfRange(args, 1, args.length));
  }
}
