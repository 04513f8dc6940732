package dev.squall.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.SquallException;
import dev.squall.world.PairJsonl;
import dev.squall.world.PreferencePair;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens benchmark and generic preference files as streaming {@link RowReader}s (UTF-8). Each call
 * opens the file; close the reader (or its stream) when done.
 */
public final class Loaders {
  /** The marker of an assistant turn in HH-RLHF transcripts. */
  public static final String ASSISTANT = "\n\nAssistant:";

  private static final Pattern QUOTED_FIELD = Pattern.compile("field '([^']+)'");

  private Loaders() {}

  /**
   * RewardBench v1 rows {@code {prompt, chosen, rejected, subset, id}}, read by {@link
   * PairJsonl#fromJson} (so Squall's world JSONL, with metadata, loads too).
   */
  public static RowReader<PreferencePair> rewardBench(Path file, Strictness strictness) {
    return new RowReader<>(
        file,
        strictness,
        RawSource.lines(open(file)),
        r -> {
          try {
            return PairJsonl.fromJson(r.text());
          } catch (IllegalArgumentException | NullPointerException | SquallException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Matcher m = QUOTED_FIELD.matcher(msg);
            return failField(m.find() ? m.group(1) : "(json)", msg);
          }
        });
  }

  /** RewardBench 2 rows {@code {id, prompt, chosen[list], rejected[list], subset}}. */
  public static RowReader<RewardBench2Row> rewardBench2(Path file, Strictness strictness) {
    return jsonLines(
        file,
        strictness,
        (n, r) -> {
          return new RewardBench2Row(
              Json.id(n, "id", "line-" + r.line()),
              Json.optionalText(n, "subset", ""),
              Json.text(n, "prompt"),
              Json.texts(n, "chosen", -1),
              Json.texts(n, "rejected", -1));
        });
  }

  /** RM-Bench rows {@code {id, prompt, chosen[3], rejected[3], domain}}. */
  public static RowReader<RmBenchRow> rmBench(Path file, Strictness strictness) {
    return jsonLines(
        file,
        strictness,
        (n, r) -> {
          return new RmBenchRow(
              Json.id(n, "id", "line-" + r.line()),
              Json.text(n, "domain"),
              Json.text(n, "prompt"),
              Json.texts(n, "chosen", 3),
              Json.texts(n, "rejected", 3));
        });
  }

  /**
   * Anthropic HH-RLHF rows {@code {chosen, rejected}}, each a full transcript of {@code
   * "\n\nHuman: … \n\nAssistant: …"} turns. Each transcript is split at its last {@code
   * "\n\nAssistant:"}: the prompt is everything before it (the dialogue so far, marker excluded),
   * the response everything after it, less one leading space. The two prompts must be identical.
   * Rows get id {@code hh-<line>} and subset {@code hh-rlhf}.
   */
  public static RowReader<PreferencePair> hhRlhf(Path file, Strictness strictness) {
    return jsonLines(
        file,
        strictness,
        (n, r) -> {
          String chosen = Json.text(n, "chosen");
          String rejected = Json.text(n, "rejected");
          String[] c = splitTranscript("chosen", chosen);
          String[] x = splitTranscript("rejected", rejected);
          if (!c[0].equals(x[0])) {
            throw new BadField("rejected", "its prompt differs from the chosen transcript's prompt");
          }
          return PreferencePair.plain("hh-" + r.line(), "hh-rlhf", c[0], c[1], x[1]);
        });
  }

  /** {prompt, response} of one transcript. */
  static String[] splitTranscript(String field, String transcript) {
    int at = transcript.lastIndexOf(ASSISTANT);
    if (at < 0) {
      throw new BadField(field, "no \"\\n\\nAssistant:\" turn in the transcript");
    }
    String prompt = transcript.substring(0, at);
    if (prompt.isBlank()) {
      throw new BadField(field, "empty prompt before the last \"\\n\\nAssistant:\" turn");
    }
    String response = transcript.substring(at + ASSISTANT.length());
    if (response.startsWith(" ")) {
      response = response.substring(1);
    }
    return new String[] {prompt, response};
  }

  /** Generic JSON Lines with string fields named by {@code mapping}. */
  public static RowReader<PreferencePair> jsonl(
      Path file, FieldMapping mapping, Strictness strictness) {
    Objects.requireNonNull(mapping, "mapping");
    String subset = file.getFileName().toString();
    return jsonLines(
        file,
        strictness,
        (n, r) -> {
          return PreferencePair.plain(
              mapping.id() == null ? "line-" + r.line() : Json.id(n, mapping.id(), null),
              mapping.subset() == null ? subset : Json.text(n, mapping.subset()),
              Json.text(n, mapping.prompt()),
              Json.text(n, mapping.chosen()),
              Json.text(n, mapping.rejected()));
        });
  }

  /**
   * Generic CSV (RFC 4180: comma-separated, fields optionally in double quotes with {@code ""}
   * for a quote, quoted fields may span lines) whose first record is a header naming the columns.
   * A header lacking a mapped column is an error even in lenient mode.
   */
  public static RowReader<PreferencePair> csv(
      Path file, FieldMapping mapping, Strictness strictness) {
    Objects.requireNonNull(mapping, "mapping");
    RawSource source = RawSource.csv(open(file));
    try {
      return Csv.reader(file, mapping, strictness, source);
    } catch (RuntimeException e) {
      try {
        source.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static BufferedReader open(Path file) {
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SquallException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private static <T> T failField(String field, String problem) {
    throw new BadField(field, problem);
  }

  /** A JSON Lines reader: each line is parsed to an object, then {@code row} maps it. */
  private static <T> RowReader<T> jsonLines(
      Path file, Strictness strictness, java.util.function.BiFunction<JsonNode, RawRecord, T> row) {
    Json json = new Json();
    return new RowReader<>(
        file, strictness, RawSource.lines(open(file)), r -> row.apply(json.object(r.text()), r));
  }

}
