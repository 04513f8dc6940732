package dev.squall.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static, parameterless method of a test class (or a superclass) returning a {@code
 * RewardModel} as the source of {@code @Model(value)}; e.g. fakes for fast tests. The model is
 * created once per test class and closed after it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ModelFactory {
  /** The name {@code @Model} refers to. */
  String value();
}
