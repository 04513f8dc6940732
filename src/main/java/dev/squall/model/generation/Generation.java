package dev.squall.model.generation;

/**
 * The tokens generated for one prompt.
 *
 * @param tokens generated ids, without the stop token
 * @param stopToken the stop token that ended the sequence, or -1 when it hit max new tokens
 */
public record Generation(long[] tokens, int stopToken) {
  public Generation {
    tokens = tokens.clone();
  }

  @Override
  public long[] tokens() {
    return tokens.clone();
  }

  /** True when generation ended by reaching max new tokens rather than a stop token. */
  public boolean truncated() {
    return stopToken < 0;
  }

  public int length() {
    return tokens.length;
  }
}
