/**
 * Built-in constraints that keep the gold label valid: the world oracle's verdict, edit-distance
 * and length-ratio bounds, protected regions.
 */
package dev.squall.attack.constraint;
