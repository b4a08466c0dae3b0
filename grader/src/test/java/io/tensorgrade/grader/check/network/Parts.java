package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.answer.AnswerCheck;
import io.tensorgrade.grader.check.answer.Mistake;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.rubric.RubricError;
import io.tensorgrade.grader.rubric.RubricException;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Loads one-part rubrics through the real loader and grades answers against them. */
final class Parts {
    private final Path dir;

    Parts(Path dir) {
        this.dir = dir;
    }

    /** The check of a rubric whose only part (id q) is {@code part}, YAML lines without the list dash. */
    Check load(String part) {
        return RubricLoader.load(write(part)).parts().get(0).check();
    }

    /** The rubric errors as {@code rubric.yaml:LINE: part q: field: message}, in order. */
    List<String> errors(String part) {
        Path file = write(part);
        RubricException e = assertThrows(RubricException.class, () -> RubricLoader.load(file));
        return e.errors().stream().map(RubricError::toString)
                .map(s -> s.substring(s.indexOf("rubric.yaml:"))).toList();
    }

    Verdict grade(Check check, String answer) {
        Fixtures.write(dir, "sub/answers.yaml", "q: " + answer + "\n");
        return check.grade(new CheckContext("q", Submission.open(dir.resolve("sub")), dir));
    }

    /** The catalogue entry called {@code name} (the first, for names that repeat). */
    static Optional<Mistake> mistake(Check check, String name) {
        return ((AnswerCheck) check).matcher().mistakes().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    static List<String> mistakeNames(Check check) {
        return ((AnswerCheck) check).matcher().mistakes().stream().map(Mistake::name).distinct().toList();
    }

    private Path write(String part) {
        // Line 1: assignment, 2: parts, 3: "- id: q", 4: points; the part's own keys start at line 5.
        StringBuilder sb = new StringBuilder("assignment: t\nparts:\n  - id: q\n    points: 1\n");
        part.lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        return Fixtures.write(dir, "rubric.yaml", sb.toString());
    }
}
