/**
 * Squall: stress-tests reward models, comparing critique-out-loud (CLoud) reward models with
 * classic ones under attack and out of distribution. This package holds the exception root,
 * seeds and version information shared by every other package.
 */
package dev.squall;
