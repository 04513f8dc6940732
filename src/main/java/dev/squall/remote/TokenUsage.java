package dev.squall.remote;

import java.util.Optional;

/**
 * Token usage and cost accumulated for one remote model.
 *
 * @param requests successful calls
 * @param failedCalls calls that finally failed (after retries)
 * @param retries extra attempts made
 * @param promptTokens sum of the servers' {@code usage.prompt_tokens}
 * @param completionTokens sum of {@code usage.completion_tokens}
 * @param cost in the configured currency, when prices are configured
 */
public record TokenUsage(
    long requests, long failedCalls, long retries, long promptTokens, long completionTokens, Optional<Double> cost) {}
