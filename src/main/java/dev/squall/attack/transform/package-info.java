/**
 * Built-in transformations: reWordBench-style meaning-preserving rewrites, text insertions
 * (no-op appends, style, sycophancy, master keys, injections, critique hijacking), vocabulary
 * appends and policy rewrites.
 */
package dev.squall.attack.transform;
