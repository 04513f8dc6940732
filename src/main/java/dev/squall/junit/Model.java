package dev.squall.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a reward model into a test parameter of type {@code RewardModel} (with {@link
 * SquallExtension}). The name is resolved in this order: a {@link ModelFactory} method of the test
 * class with that name; an embedded model ({@code cloud}, {@code classic}); a model folder path.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Model {
  /** The model's name or folder. */
  String value();
}
