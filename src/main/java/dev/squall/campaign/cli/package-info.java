/** The campaign commands of the CLI: run, report, diff, runs, merge, validate. */
package dev.squall.campaign.cli;
