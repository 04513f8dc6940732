package dev.squall.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Immutable text under attack: the original, the current text, and the edits that lead from one
 * to the other, in order. Every operation returns a new instance. Thread-safe (immutable).
 *
 * @param original the text before any edit
 * @param text the current text
 * @param edits the edits applied to {@code original}, in order; replaying them gives {@code text}
 */
public record AttackedText(String original, String text, List<Edit> edits) {
  private static final Pattern WORD = Pattern.compile("\\S+");

  /** A span {@code [start, end)} of {@link #text()}. */
  public record Span(int start, int end) {}

  public AttackedText {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(text, "text");
    edits = List.copyOf(edits);
  }

  /** An unedited text. */
  public static AttackedText of(String text) {
    return new AttackedText(text, text, List.of());
  }

  /** Replaces {@code [start, end)} of the current text with {@code after}. */
  public AttackedText replace(String kind, int start, int end, String after) {
    Edit e = new Edit(kind, start, end, text.substring(start, end), after);
    List<Edit> next = new ArrayList<>(edits);
    next.add(e);
    return new AttackedText(original, text.substring(0, start) + after + text.substring(end), next);
  }

  /** Inserts {@code s} at {@code at}. */
  public AttackedText insert(String kind, int at, String s) {
    return replace(kind, at, at, s);
  }

  public AttackedText append(String kind, String s) {
    return insert(kind, text.length(), s);
  }

  public AttackedText prepend(String kind, String s) {
    return insert(kind, 0, s);
  }

  /**
   * Replaces the current text with {@code newText}, recorded as one edit over the span that
   * differs (common prefix and suffix are kept out of the edit). No edit when equal.
   */
  public AttackedText rewrite(String kind, String newText) {
    if (newText.equals(text)) {
      return this;
    }
    int p = 0;
    int max = Math.min(text.length(), newText.length());
    while (p < max && text.charAt(p) == newText.charAt(p)) {
      p++;
    }
    int s = 0;
    while (s < max - p
        && text.charAt(text.length() - 1 - s) == newText.charAt(newText.length() - 1 - s)) {
      s++;
    }
    return replace(kind, p, text.length() - s, newText.substring(p, newText.length() - s));
  }

  /** Whitespace-separated words of the current text, as spans. */
  public List<Span> words() {
    List<Span> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      out.add(new Span(m.start(), m.end()));
    }
    return out;
  }

  /** The {@code i}-th word of the current text. */
  public String word(int i) {
    Span s = words().get(i);
    return text.substring(s.start(), s.end());
  }

  /** True when no edit has been made. */
  public boolean unchanged() {
    return edits.isEmpty();
  }

  /**
   * Spans of the current text written by edits (for highlighting), merged and in order. An edit
   * that deleted text leaves an empty span where the deletion happened.
   */
  public List<Span> changedSpans() {
    List<int[]> spans = new ArrayList<>();
    for (Edit e : edits) {
      List<int[]> next = new ArrayList<>();
      int ns = e.start();
      int ne = e.start() + e.after().length();
      for (int[] sp : spans) {
        if (sp[1] < e.start()) {
          next.add(sp);
        } else if (sp[0] > e.end()) {
          next.add(new int[] {sp[0] + e.delta(), sp[1] + e.delta()});
        } else {
          // overlapping or touching: merge into the new span
          ns = Math.min(ns, sp[0]);
          ne = Math.max(ne, sp[1] <= e.end() ? e.start() + e.after().length() : sp[1] + e.delta());
        }
      }
      next.add(new int[] {ns, ne});
      next.sort((a, b) -> Integer.compare(a[0], b[0]));
      spans = next;
    }
    return spans.stream().map(a -> new Span(a[0], a[1])).toList();
  }

  /** Levenshtein distance in characters between the original and the current text. */
  public int editDistance() {
    return levenshtein(original, text, Integer.MAX_VALUE);
  }

  /** Levenshtein distance, or {@code cap + 1} as soon as it is known to exceed {@code cap}. */
  public static int levenshtein(String a, String b, int cap) {
    if (Math.abs(a.length() - b.length()) > cap) {
      return cap == Integer.MAX_VALUE ? cap : cap + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= b.length(); j++) {
        int cost = ca == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (cap != Integer.MAX_VALUE && rowMin > cap) {
        return cap + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
