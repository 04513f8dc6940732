/**
 * Declarative attack recipes: JSON files (in {@code attacks/} at the repository root, and the
 * built-in copies on the classpath) that compose a transformation, constraints, a goal and a
 * search, each naming its source. {@link dev.squall.attack.recipe.RecipeLoader} validates them
 * with messages naming the file, the field, the value found and what is allowed; {@link
 * dev.squall.attack.recipe.RecipeRegistry} lists them.
 */
package dev.squall.attack.recipe;
