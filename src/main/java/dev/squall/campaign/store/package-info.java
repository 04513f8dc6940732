/**
 * The crash-safe SQLite run store ({@link dev.squall.campaign.store.RunStore}): provenance,
 * sessions, usage, result rows and stored best-of-N candidates.
 */
package dev.squall.campaign.store;
