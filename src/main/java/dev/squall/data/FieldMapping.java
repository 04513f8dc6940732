package dev.squall.data;

import dev.squall.SquallException;

/**
 * Which fields (JSONL keys or CSV header names) of a generic file hold a preference pair.
 *
 * @param prompt the prompt field
 * @param chosen the preferred response field
 * @param rejected the dispreferred response field
 * @param id the id field, or null to use {@code line-N}
 * @param subset the subset field, or null to use the file name
 */
public record FieldMapping(String prompt, String chosen, String rejected, String id, String subset) {
  public FieldMapping {
    for (String[] f :
        new String[][] {{"prompt", prompt}, {"chosen", chosen}, {"rejected", rejected}}) {
      if (f[1] == null || f[1].isBlank()) {
        throw new SquallException("field mapping '" + f[0] + "' must name a field, was " + f[1]);
      }
    }
  }

  /** Prompt, chosen and rejected fields; no id or subset field. */
  public static FieldMapping of(String prompt, String chosen, String rejected) {
    return new FieldMapping(prompt, chosen, rejected, null, null);
  }
}
