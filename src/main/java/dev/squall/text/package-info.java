/**
 * Text handling for reward models: Hugging Face {@code tokenizer_config.json} ({@link
 * dev.squall.text.TokenizerConfig}), chat templates rendered like Python transformers ({@link
 * dev.squall.text.ChatTemplate}), tokenizers loaded offline from a local {@code tokenizer.json}
 * ({@link dev.squall.text.TextTokenizer}), and a generator of small byte-fallback tokenizers for
 * the project's own synthetic models ({@link dev.squall.text.TokenizerBuilder}).
 *
 * <p>Nothing here touches the network: tokenizers are only ever loaded from local paths.
 */
package dev.squall.text;
