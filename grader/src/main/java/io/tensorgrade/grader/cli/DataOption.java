package io.tensorgrade.grader.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR} for the commands that grade ({@code @Mixin DataOption}): where held-out data sets are mounted. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:TENSORGRADE_DATA}",
            description = "Folder where the data sets named in the rubric are mounted (default: the"
                    + " TENSORGRADE_DATA environment variable, else paths are relative to the rubric).")
    Path dir;
}
