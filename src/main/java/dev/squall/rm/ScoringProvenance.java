package dev.squall.rm;

import java.util.Optional;

/**
 * How a reward was produced: which model (by content hash), and for CLoud the decoding
 * parameters and seed.
 */
public record ScoringProvenance(
    String model, String modelHash, RewardModelKind kind, Optional<CritiqueDecoding> decoding,
    String squallVersion) {}
