/**
 * The self-contained HTML report of a run ({@link dev.squall.report.HtmlReport}): verdict tables
 * with intervals and paired tests, OOD and best-of-N charts as inline SVG ({@link
 * dev.squall.report.Svg}), sampled attack examples, model usage and provenance. Reads a {@link
 * dev.squall.report.ReportInput}; writes one HTML file with no external resources.
 */
package dev.squall.report;
