package dev.squall.attack.search;

final class Searches {
  private Searches() {}

  static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + v);
    }
  }
}
