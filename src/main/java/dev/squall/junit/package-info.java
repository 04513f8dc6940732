/**
 * Statistical JUnit assertions for reward models: AssertJ-style checks that decide on confidence
 * bounds, not point estimates ({@link dev.squall.junit.SquallAssertions}), and a JUnit 5 extension
 * that loads models and datasets once per test class and injects them by name ({@link
 * dev.squall.junit.SquallExtension}).
 *
 * <p>Needs {@code junit-jupiter-api} on the class path (an optional dependency of Squall: test
 * code that uses this package brings JUnit anyway).
 */
package dev.squall.junit;
