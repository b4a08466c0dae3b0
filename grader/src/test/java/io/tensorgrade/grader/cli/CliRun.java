package io.tensorgrade.grader.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@link Main#run} with string writers and keeps the exit code and both outputs. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(args, o, e);
        }
        return new CliRun(code, out.toString(), err.toString());
    }
}
