package dev.squall.campaign.config;

import dev.squall.ConfigException;
import java.util.List;
import java.util.stream.Collectors;

/** A campaign file is invalid: every problem names the field path, the value found and what is allowed. */
public final class CampaignConfigException extends ConfigException {
  private static final long serialVersionUID = 1L;

  /** One invalid field: {@code path} is JSON-path-like ({@code $.models[1].source}). */
  public record Problem(String path, String found, String allowed) {
    @Override
    public String toString() {
      return path + ": found " + found + "; allowed: " + allowed;
    }
  }

  private final transient List<Problem> problems;

  public CampaignConfigException(String file, List<Problem> problems) {
    super(
        "invalid campaign " + file + " (" + problems.size() + " problem"
            + (problems.size() == 1 ? "" : "s") + "):\n  "
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
