package io.tensorgrade.grader.batch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.input.TestZips.Item;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile zips, each read as INPUT into {@code tmp/run/input}: every one is refused naming its entry, and
 * afterwards nothing but the zip itself is left anywhere under {@code tmp}.
 */
class SafeUnzipTest {

    private static final String REZIP = "; re-create the zip from the submission folders.";

    @TempDir
    Path tmp;

    private Path zipOf(Item... items) {
        List<Item> all = new ArrayList<>(List.of(Item.file("alice/answers.yaml", "q1a: 2\n")));
        all.addAll(List.of(items));
        return TestZips.write(tmp.resolve("zips/bad.zip"), all);
    }

    /** Reads {@code zip} with {@code limits} and returns the refusal, having checked that nothing was left. */
    private String refusal(Path zip, SafeUnzip.Limits limits) {
        InputReader reader = new InputReader(new SafeUnzip(limits));
        GraderException e = assertThrows(GraderException.class, () -> reader.read(zip, tmp.resolve("run/input")));
        assertEquals(List.of("zips/bad.zip"), TestZips.filesUnder(tmp), "nothing is written, in or outside");
        return e.getMessage();
    }

    private String refusal(Path zip) {
        return refusal(zip, SafeUnzip.Limits.DEFAULT);
    }

    private static byte[] noise(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    static Stream<Arguments> hostileNames() {
        String slip = "points outside the folder it unpacks into (zip slip)" + REZIP;
        String absolute = "has an absolute path; re-create the zip from the submission folders with relative paths.";
        String control = "in its name; rename the file and zip it again.";
        return Stream.of(
                Arguments.of("../evil.py", "'../evil.py' " + slip),
                Arguments.of("alice/../../../evil.py", "'alice/../../../evil.py' " + slip),
                Arguments.of("/etc/cron.d/evil", "'/etc/cron.d/evil' " + absolute),
                Arguments.of("C:\\Windows\\evil.py", "'C:/Windows/evil.py' " + absolute),
                Arguments.of("alice\\..\\..\\evil.py", "'alice/../../evil.py' " + slip),
                Arguments.of("bob/../..\\evil.py", "'bob/../..\\evil.py' " + slip),
                Arguments.of("alice/evil\u0000.py",
                        "'alice/evil\\u0000.py' has a control character (\\u0000) " + control),
                Arguments.of("alice/\u001b[2Jevil.py",
                        "'alice/\\u001b[2Jevil.py' has a control character (\\u001b) " + control));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void aNameThatCouldLeaveTheUnpackFolderIsRefused(String name, String expected) {
        Path zip = zipOf(Item.file(name, "import os\n"));

        assertEquals("Refused " + zip + ": entry " + expected, refusal(zip));
    }

    @Test
    void aSymbolicLinkIsRefused() {
        Path zip = zipOf(Item.link("alice/data", "/etc"));

        assertEquals("Refused " + zip + ": entry 'alice/data' is a symbolic link; zip the files themselves (without"
                + " zip's -y/--symlinks).", refusal(zip));
    }

    @Test
    void aDuplicateNameIsRefused() {
        Path zip = zipOf(Item.file("alice/answers.yaml", "q1a: 99\n"));

        assertEquals("Refused " + zip + ": entry 'alice/answers.yaml' appears twice in the zip" + REZIP, refusal(zip));
    }

    @Test
    void aNameThatIsBothAFileAndAFolderIsRefused() {
        Path zip = zipOf(Item.file("alice", "not a folder"));

        assertEquals("Refused " + zip + ": entry 'alice' is both a file and a folder in the zip" + REZIP, refusal(zip));
    }

    @Test
    void anEntryThatInflatesTwoHundredFoldIsRefusedAsABomb() {
        Path zip = zipOf(Item.file("alice/weights.npy", new byte[5 << 20]));

        String message = refusal(zip);

        assertTrue(message.startsWith("Refused " + zip + ": entry 'alice/weights.npy' inflates more than 200 times"
                + " its compressed size ("), message);
        assertTrue(message.endsWith("), as zip bombs do; zip the submissions again; a real file of this kind does"
                + " not compress so well."), message);
    }

    @Test
    void aBombWhoseHeadersUnderstateItsSizeIsCaughtByTheBytesInflated() {
        Path zip = TestZips.write(tmp.resolve("zips/bad.zip"), List.of(Item.file("alice/w.npy", new byte[5 << 20])));
        TestZips.understateSize(zip, 1000);

        String message = refusal(zip);

        assertTrue(message.startsWith("Refused " + zip + ": entry 'alice/w.npy' inflates more than 200 times"),
                message);
    }

    @Test
    void moreEntriesThanTheLimitAreRefused() {
        Path zip = zipOf(Item.file("bob/answers.yaml", "1"), Item.file("carol/answers.yaml", "2"));

        String message = refusal(zip, new SafeUnzip.Limits(2, 1 << 20, 1 << 20, 1 << 20, 200));

        assertEquals("Refused " + zip + ": it has 3 entries, more than the 2 allowed; split the class into several"
                + " zips or unzip it yourself.", message);
    }

    @Test
    void anEntryOverTheSizeLimitIsRefusedByItsHeader() {
        Path zip = zipOf(Item.file("alice/big.bin", noise(4000)));

        String message = refusal(zip, new SafeUnzip.Limits(100, 1 << 20, 3000, 1 << 20, 200));

        assertEquals("Refused " + zip + ": entry 'alice/big.bin' says it holds 4000 bytes, more than the 3000 allowed"
                + " for one file; leave large files out of the zip.", message);
    }

    @Test
    void anEntryThatLiesAboutItsSizeIsRefusedByTheBytesInflated() {
        Path zip = TestZips.write(tmp.resolve("zips/bad.zip"), List.of(Item.file("alice/big.bin", noise(4000))));
        TestZips.understateSize(zip, 100);

        String message = refusal(zip, new SafeUnzip.Limits(100, 1 << 20, 3000, 1 << 20, 200));

        assertEquals("Refused " + zip + ": entry 'alice/big.bin' inflates to more than the 3000 bytes allowed for one"
                + " file; leave large files out of the zip.", message);
    }

    @Test
    void moreBytesInAllThanTheLimitAreRefused() {
        Path zip = zipOf(Item.file("bob/a.bin", noise(2000)), Item.file("carol/b.bin", noise(2000)));

        String message = refusal(zip, new SafeUnzip.Limits(100, 3000, 1 << 20, 1 << 20, 200));

        assertEquals("Refused " + zip + ": entry 'carol/b.bin' takes the unpacked zip past the 3000 bytes allowed in"
                + " all; split the class into several zips.", message);
    }
}
