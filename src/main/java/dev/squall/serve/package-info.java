/**
 * {@code squall serve}: any embedded or local model behind an OpenAI-compatible chat API and a
 * score endpoint on loopback, with seeded fault injection, for remote campaigns and tests.
 */
package dev.squall.serve;
