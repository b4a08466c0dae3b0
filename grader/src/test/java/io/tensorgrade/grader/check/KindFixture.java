package io.tensorgrade.grader.check;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.submission.Submission;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kind's tests in one place: builds its check from a rubric snippet (the part's config), collects the rubric
 * problems, and grades answers written to an answers.yaml under part id {@code q}.
 */
public final class KindFixture {
    private final CheckKind kind;
    private final Supplier<Path> dir;
    private final List<Problem> problems = new ArrayList<>();

    /** @param dir the test's temporary folder, read when used (pass a {@code @TempDir} field as {@code () -> dir}) */
    public KindFixture(CheckKind kind, Supplier<Path> dir) {
        this.kind = kind;
        this.dir = dir;
    }

    /** The check {@code yaml} builds, or null; its problems are in {@link #problems()}. */
    public Check create(String yaml) {
        problems.clear();
        ConfigReader c = new ConfigReader((YamlMap) YamlReader.readYaml(yaml).root(), problems, dir.get());
        c.checkKeys(kind.keys());
        return kind.create(c);
    }

    /** The check {@code yaml} builds, asserting that it has no rubric problem. */
    public Check check(String yaml) {
        Check check = create(yaml);
        assertEquals(List.of(), problems);
        assertNotNull(check);
        return check;
    }

    /**
     * The rubric problems of {@code yaml}, one "line: field: message" per line, asserting that there is one and
     * that no check was built.
     */
    public String problemText(String yaml) {
        assertNull(create(yaml), "a check despite rubric problems");
        assertTrue(!problems.isEmpty(), "expected a rubric problem");
        return problems.stream().map(p -> p.line() + ": " + p.field() + ": " + p.message())
                .collect(Collectors.joining("\n"));
    }

    /** The problems of the last snippet built. */
    public List<Problem> problems() {
        return problems;
    }

    /** {@code check}'s verdict on {@code answer}, written as the answer to part {@code q}. */
    public Verdict grade(Check check, String answer) {
        Fixtures.write(dir.get(), "sub/answers.yaml", "q: " + answer + "\n");
        return check.grade(new CheckContext("q", Submission.open(dir.get().resolve("sub")), dir.get()));
    }
}
