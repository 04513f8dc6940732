/**
 * Remote models over HTTP: an {@link dev.squall.remote.HttpTransport} (JDK HttpClient) wrapped by
 * one {@link dev.squall.remote.ResilientCaller} (timeouts, retries with seeded jittered back-off
 * honouring Retry-After, AIMD concurrency, a circuit breaker, token usage and cost); backends for
 * OpenAI-compatible chat (critiques, judges, policies) and reward/score endpoints (vLLM, TEI,
 * {@code squall serve}). Failures are {@link dev.squall.remote.RemoteException}s, retriable or
 * not; a call that finally fails becomes an error result, never a reward. API keys come from
 * environment variables named in config and never appear in messages, results or logs.
 */
package dev.squall.remote;
