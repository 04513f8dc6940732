/**
 * The Llama-family decoder on DJL's PyTorch engine: configuration (from Hugging Face
 * config.json), weights naming, the forward pass with KV cache, and left-padded token batches.
 * Native arrays never leave this package's callers' managers; see {@link
 * dev.squall.model.llama.LlamaModel}.
 */
package dev.squall.model.llama;
