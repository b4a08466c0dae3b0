package io.tensorgrade.grader.submission;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An answers file's text, whatever editor saved it: UTF-8 (with or without a byte-order mark), UTF-16 with a
 * byte-order mark (Windows Notepad, PowerShell's {@code >}) or without one, and Latin-1/Windows-1252 when the bytes
 * are not UTF-8. Anything but plain UTF-8 comes with a note saying how it was read.
 *
 * @param note empty for plain UTF-8
 */
public record AnswersFileText(String text, String note) {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Decodes {@code bytes} of the file {@code name}. */
    public static AnswersFileText decode(String name, byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new AnswersFileText(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8),
                    name + " starts with a UTF-8 byte-order mark; it was read as UTF-8.");
        }
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            Charset cs = bytes[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            return new AnswersFileText(new String(bytes, 2, bytes.length - 2, cs), name + " is UTF-16 text (as Windows"
                    + " Notepad or PowerShell save it); it was read as UTF-16. Save it as UTF-8 next time.");
        }
        Charset bomless = utf16WithoutMark(bytes);
        if (bomless != null) {
            return new AnswersFileText(new String(bytes, bomless), name + " looks like UTF-16 text without a byte-order"
                    + " mark; it was read as " + bomless.name() + ". Save it as UTF-8 next time.");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new AnswersFileText(text, "");
        } catch (CharacterCodingException e) {
            return new AnswersFileText(new String(bytes, WINDOWS_1252), name + " is not UTF-8 text; it was read as"
                    + " Latin-1 (Windows-1252). Save it as UTF-8 next time.");
        }
    }

    /** UTF-16LE or BE when every other byte of the first ones is NUL (ASCII text in UTF-16), else null. */
    private static Charset utf16WithoutMark(byte[] bytes) {
        int n = Math.min(bytes.length, 200) & ~1;
        if (n < 4) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2) {
            evenZeros += bytes[i] == 0 ? 1 : 0;
            oddZeros += bytes[i + 1] == 0 ? 1 : 0;
        }
        int pairs = n / 2;
        if (oddZeros * 10 >= pairs * 9 && evenZeros == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros * 10 >= pairs * 9 && oddZeros == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != (byte) prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
