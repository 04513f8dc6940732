/**
 * Campaign files: parsing and validation of the JSON campaign format into {@link
 * dev.squall.campaign.config.CampaignConfig} (models, datasets, policy, evaluators, thresholds),
 * with errors that name the field. Format: docs/campaigns.md.
 */
package dev.squall.campaign.config;
