package dev.squall.attack.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One part of a recipe as written: its {@code type} and its parameters (the other fields of the
 * JSON object). {@code where} locates it for error messages ({@code file: recipes[2].goal}).
 */
public record ComponentSpec(String type, JsonNode params, String where) {
  public ComponentSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(where, "where");
  }
}
