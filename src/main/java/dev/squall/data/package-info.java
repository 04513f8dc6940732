/**
 * Streaming dataset loaders with constant memory: RewardBench v1 and 2, RM-Bench, Anthropic
 * HH-RLHF transcripts, and generic JSONL or CSV with a {@link dev.squall.data.FieldMapping}.
 *
 * <p>Every loader returns a {@link dev.squall.data.RowReader}: an {@link java.util.Iterator} (and
 * {@link java.util.stream.Stream} via {@code stream()}) that reads the file record by record and
 * must be closed. Pairwise rows are {@link dev.squall.world.PreferencePair}s; list-valued rows
 * have their own records ({@link dev.squall.data.RewardBench2Row}, {@link
 * dev.squall.data.RmBenchRow}). In {@link dev.squall.data.Strictness#STRICT} mode a malformed
 * record throws a {@link dev.squall.data.DataFormatException} naming file, line and field; in
 * {@link dev.squall.data.Strictness#LENIENT} mode it is skipped and counted.
 */
package dev.squall.data;
