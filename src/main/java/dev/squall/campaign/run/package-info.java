/**
 * Running a campaign: stages (OOD, robustness per attack, best-of-N), resume and sharding, model
 * usage recording, and the outputs (summary.json, results.jsonl, junit.xml, report.html).
 */
package dev.squall.campaign.run;
