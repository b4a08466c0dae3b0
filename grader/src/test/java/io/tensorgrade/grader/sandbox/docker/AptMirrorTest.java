package io.tensorgrade.grader.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AptMirrorTest {
    @TempDir
    Path apt;

    @Test
    void deb822SourcesGiveTheirFirstMainUri() throws IOException {
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/debian.sources"), """
                Types: deb
                URIs: http://mirror.example.edu/debian
                Suites: bookworm bookworm-updates

                Types: deb
                URIs: http://security.debian.org/debian-security
                """);
        assertEquals("http://mirror.example.edu/debian", AptMirror.detect(apt));
    }

    @Test
    void oneLineSourcesSkipOptionsAndSecurity() throws IOException {
        Files.writeString(apt.resolve("sources.list"), """
                # comment
                deb http://security.debian.org/debian-security bookworm-security main
                deb [arch=amd64 signed-by=/x.gpg] https://deb.example.org/debian bookworm main
                """);
        assertEquals("https://deb.example.org/debian", AptMirror.detect(apt));
    }

    @Test
    void noSourcesFallBackToTheDebianMirror() {
        assertEquals(AptMirror.FALLBACK, AptMirror.detect(apt));
    }
}
