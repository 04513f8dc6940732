/**
 * Reward models run in-process from local Hugging Face folders: classic (score head on the last
 * token) and critique-out-loud (generate a critique, then read the reward head), formatted as the
 * public CLoud code formats them.
 */
package dev.squall.rm.local;
