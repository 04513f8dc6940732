package dev.squall.world;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.squall.SquallException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads and writes {@link PreferencePair}s as JSON Lines (UTF-8, one object per line, {@code \n}).
 *
 * <p>Fields: RewardBench's {@code id, subset, prompt, chosen, rejected}, then, for generated rows,
 * {@code world, split, seed, label, answer, error_kind, chosen_features, rejected_features,
 * chosen_critique, rejected_critique}. A row with a {@code world} field must carry all metadata
 * fields; a row without one is read as a plain RewardBench row (extra fields ignored; a numeric
 * {@code id} is read as text). Blank lines are skipped. Writing is deterministic: same rows, same
 * bytes.
 */
public final class PairJsonl {
  /**
   * Jackson's streaming layer only: it needs nothing but jackson-core, so it works whatever
   * jackson-databind version the build resolves.
   */
  private static final JsonFactory JSON = new JsonFactory();

  /** Stands for a nested JSON object or a non-string array value, which rows never need. */
  private static final Object NESTED = new Object();

  /** A line that lenient reading skipped. */
  public record BadLine(long lineNumber, String problem) {
    public BadLine {
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** What lenient reading returns: the good rows and the skipped lines. */
  public record ReadResult(List<PreferencePair> pairs, List<BadLine> badLines) {
    public ReadResult {
      pairs = List.copyOf(pairs);
      badLines = List.copyOf(badLines);
    }
  }

  private PairJsonl() {}

  /** Writes {@code pairs} to {@code file} atomically (temp file, then move); returns the count. */
  public static long write(Path file, Iterable<PreferencePair> pairs) {
    return write(file, pairs.iterator());
  }

  /** Writes {@code pairs} to {@code file} atomically (temp file, then move); returns the count. */
  public static long write(Path file, Iterator<PreferencePair> pairs) {
    Path dir = file.toAbsolutePath().getParent();
    long n = 0;
    try {
      Files.createDirectories(dir);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        while (pairs.hasNext()) {
          w.write(toJson(pairs.next()));
          w.write('\n');
          n++;
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return n;
  }

  /** One row as a single JSON line (no trailing newline). */
  public static String toJson(PreferencePair p) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", p.id());
      g.writeStringField("subset", p.subset());
      g.writeStringField("prompt", p.prompt());
      g.writeStringField("chosen", p.chosen());
      g.writeStringField("rejected", p.rejected());
      WorldMetadata m = p.metadata();
      if (m != null) {
        g.writeStringField("world", m.world());
        g.writeStringField("split", m.split().id());
        g.writeNumberField("seed", m.seed());
        g.writeStringField("label", m.label());
        g.writeStringField("answer", m.answer());
        g.writeStringField("error_kind", m.errorKind());
        g.writeArrayFieldStart("chosen_features");
        for (SpuriousFeature f : m.chosenFeatures()) {
          g.writeString(f.name());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rejected_features");
        for (SpuriousFeature f : m.rejectedFeatures()) {
          g.writeString(f.name());
        }
        g.writeEndArray();
        g.writeStringField("chosen_critique", m.chosenCritique());
        g.writeStringField("rejected_critique", m.rejectedCritique());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new SquallException("cannot serialise row " + p.id(), e);
    }
    return out.toString();
  }

  /**
   * Parses one JSON line.
   *
   * @throws IllegalArgumentException naming the problem (missing field, wrong type, bad JSON)
   */
  public static PreferencePair fromJson(String line) {
    Map<String, Object> n = parseObject(line);
    String id = scalar(n, "id");
    String subset = text(n, "subset");
    String prompt = text(n, "prompt");
    String chosen = text(n, "chosen");
    String rejected = text(n, "rejected");
    if (!n.containsKey("world")) {
      return PreferencePair.plain(id, subset, prompt, chosen, rejected);
    }
    Object seed = n.get("seed");
    if (!(seed instanceof Long)) {
      throw new IllegalArgumentException("field 'seed' must be an integer");
    }
    Split split;
    try {
      split = Split.fromId(text(n, "split"));
    } catch (SquallException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    WorldMetadata meta =
        new WorldMetadata(
            text(n, "world"),
            split,
            (Long) seed,
            text(n, "label"),
            text(n, "answer"),
            text(n, "error_kind"),
            features(n, "chosen_features"),
            features(n, "rejected_features"),
            text(n, "chosen_critique"),
            text(n, "rejected_critique"));
    return new PreferencePair(id, subset, prompt, chosen, rejected, meta);
  }

  /**
   * One JSON object as a map of its top-level fields: strings, longs (integers that fit), other
   * numbers as doubles, booleans, {@code null}, lists of strings for arrays of strings, and {@link
   * #NESTED} for anything else. Trailing content after the object is an error.
   */
  private static Map<String, Object> parseObject(String line) {
    Map<String, Object> out = new HashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken t = p.nextToken();
        out.put(name, value(p, t));
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
    }
    return out;
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.INT
                || p.getNumberType() == JsonParser.NumberType.LONG
            ? (Object) p.getLongValue()
            : (Object) p.getText();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return p.getBooleanValue();
      case VALUE_NULL:
        return null;
      case START_ARRAY:
        {
          List<String> items = new ArrayList<>();
          boolean strings = true;
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == JsonToken.VALUE_STRING) {
              items.add(p.getText());
            } else {
              strings = false;
              p.skipChildren();
            }
          }
          return strings ? items : NESTED;
        }
      default:
        p.skipChildren();
        return NESTED;
    }
  }

  /**
   * Reads every row of {@code file}, strictly.
   *
   * @throws PairJsonlException at the first bad line, naming file and line, with the rows before it
   */
  public static List<PreferencePair> read(Path file) {
    List<PreferencePair> out = new ArrayList<>();
    scan(
        file,
        out::add,
        (line, problem, cause) -> {
          throw new PairJsonlException(file, line, problem, out, cause);
        });
    return out;
  }

  /**
   * Streams rows of {@code file} to {@code sink} as they are read, strictly: rows before a bad line
   * have already been delivered when the {@link PairJsonlException} is thrown (so its {@link
   * PairJsonlException#rowsBefore()} is empty here).
   */
  public static void forEach(Path file, Consumer<PreferencePair> sink) {
    scan(
        file,
        sink,
        (line, problem, cause) -> {
          throw new PairJsonlException(file, line, problem, List.of(), cause);
        });
  }

  /** Reads {@code file}, skipping bad lines and reporting each with its line number. */
  public static ReadResult readLenient(Path file) {
    List<PreferencePair> pairs = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    scan(file, pairs::add, (line, problem, cause) -> bad.add(new BadLine(line, problem)));
    return new ReadResult(pairs, bad);
  }

  private interface BadLineHandler {
    void onBadLine(long lineNumber, String problem, Throwable cause);
  }

  private static void scan(Path file, Consumer<PreferencePair> sink, BadLineHandler onBad) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        PreferencePair p;
        try {
          p = fromJson(line);
        } catch (IllegalArgumentException | NullPointerException e) {
          onBad.onBadLine(no, e.getMessage(), e);
          continue;
        }
        sink.accept(p);
      }
    } catch (IOException e) {
      throw new SquallException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String text(Map<String, Object> n, String field) {
    Object v = n.get(field);
    if (v == null) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    if (!(v instanceof String)) {
      throw new IllegalArgumentException(
          "field '"
              + field
              + "' must be a string, was "
              + kind(v)
              + (v instanceof List ? " (RewardBench 2 list rows are not supported)" : ""));
    }
    return (String) v;
  }

  private static String kind(Object v) {
    if (v instanceof List) {
      return "an array";
    }
    if (v == NESTED) {
      return "an object or mixed array";
    }
    return v instanceof Boolean ? "a boolean" : "a number";
  }

  private static String scalar(Map<String, Object> n, String field) {
    Object v = n.get(field);
    if (v instanceof Long) {
      return v.toString();
    }
    return text(n, field);
  }

  private static List<SpuriousFeature> features(Map<String, Object> n, String field) {
    Object v = n.get(field);
    if (!(v instanceof List)) {
      throw new IllegalArgumentException("field '" + field + "' must be a list of feature names");
    }
    List<SpuriousFeature> out = new ArrayList<>();
    for (Object e : (List<?>) v) {
      try {
        out.add(SpuriousFeature.valueOf((String) e));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(
            "field '"
                + field
                + "' has unknown feature '"
                + e
                + "'; allowed: "
                + List.of(SpuriousFeature.values()),
            ex);
      }
    }
    return out;
  }
}
