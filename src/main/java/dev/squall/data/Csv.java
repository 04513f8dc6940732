package dev.squall.data;

import dev.squall.SquallException;
import dev.squall.world.PreferencePair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CSV record parsing and the header-mapped pair reader. */
final class Csv {
  private Csv() {}

  static RowReader<PreferencePair> reader(
      Path file, FieldMapping mapping, Strictness strictness, RawSource source) {
    RawRecord header;
    try {
      do {
        header = source.next();
      } while (header != null && header.text().isBlank());
    } catch (IOException e) {
      throw new SquallException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (header == null) {
      throw new DataFormatException(file, 1, "(header)", "empty file: no CSV header");
    }
    List<String> names;
    try {
      names = fields(header.text());
    } catch (BadField e) {
      throw new DataFormatException(file, header.line(), e.field(), e.getMessage());
    }
    int prompt = column(file, header, names, mapping.prompt());
    int chosen = column(file, header, names, mapping.chosen());
    int rejected = column(file, header, names, mapping.rejected());
    int id = mapping.id() == null ? -1 : column(file, header, names, mapping.id());
    int subset = mapping.subset() == null ? -1 : column(file, header, names, mapping.subset());
    String defaultSubset = file.getFileName().toString();
    return new RowReader<>(
        file,
        strictness,
        source,
        r -> {
          List<String> f = fields(r.text());
          if (f.size() != names.size()) {
            int missing = Math.min(f.size(), names.size() - 1);
            throw new BadField(
                names.get(Math.max(0, missing)),
                "expected " + names.size() + " columns, found " + f.size());
          }
          return PreferencePair.plain(
              id < 0 ? "line-" + r.line() : f.get(id),
              subset < 0 ? defaultSubset : f.get(subset),
              f.get(prompt),
              f.get(chosen),
              f.get(rejected));
        });
  }

  private static int column(Path file, RawRecord header, List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new DataFormatException(
          file, header.line(), name, "column missing from the CSV header " + names);
    }
    return i;
  }

  /** The fields of one complete record. */
  static List<String> fields(String record) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    int n = record.length();
    while (true) {
      if (i < n && record.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new BadField("(csv)", "unterminated quoted field");
          }
          char ch = record.charAt(i);
          if (ch == '"') {
            if (i + 1 < n && record.charAt(i + 1) == '"') {
              cur.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            cur.append(ch);
            i++;
          }
        }
        if (i < n && record.charAt(i) != ',') {
          throw new BadField("(csv)", "text after a closing quote at column " + (out.size() + 1));
        }
      } else {
        while (i < n && record.charAt(i) != ',') {
          char ch = record.charAt(i);
          if (ch == '"') {
            throw new BadField("(csv)", "quote inside an unquoted field " + (out.size() + 1));
          }
          cur.append(ch);
          i++;
        }
      }
      out.add(cur.toString());
      cur.setLength(0);
      if (i >= n) {
        return out;
      }
      i++; // the comma
    }
  }
}
