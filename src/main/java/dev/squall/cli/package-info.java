/** The {@code squall} command line (picocli): one class per subcommand, stable exit codes. */
package dev.squall.cli;
