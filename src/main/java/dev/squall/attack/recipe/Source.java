package dev.squall.attack.recipe;

import java.util.Objects;

/**
 * Where an attack comes from.
 *
 * @param title paper (or project document) title
 * @param firstAuthor first author's family name
 * @param year publication year
 * @param note optional remark (e.g. "hypothesis to test"), possibly empty
 */
public record Source(String title, String firstAuthor, int year, String note) {
  public Source {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(firstAuthor, "firstAuthor");
    Objects.requireNonNull(note, "note");
  }

  /** "Title (FirstAuthor et al. YEAR)". */
  public String citation() {
    return title + " (" + firstAuthor + " et al. " + year + ")" + (note.isEmpty() ? "" : "; " + note);
  }
}
