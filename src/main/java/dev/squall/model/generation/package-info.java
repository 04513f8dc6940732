/**
 * Autoregressive decoding (greedy, temperature, top-p, repetition penalty, stop tokens) with a
 * KV cache, seeded per prompt so results do not depend on batching.
 */
package dev.squall.model.generation;
