/** The {@code java -jar largelr.jar} command line: one picocli subcommand per job. */
package org.largelr.cli;
