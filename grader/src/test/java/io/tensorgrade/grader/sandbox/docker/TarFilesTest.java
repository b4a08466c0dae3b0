package io.tensorgrade.grader.sandbox.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarFilesTest {
    @TempDir
    Path dir;

    @Test
    void packedFolderUnpacksToTheSameFiles() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/inputs"));
        Files.writeString(src.resolve("x.npy"), "data");
        Files.writeString(dir.resolve("src/job.json"), "{}");
        byte[] tar = TarFiles.pack(dir.resolve("src"));
        List<String> dropped = TarFiles.unpack(new ByteArrayInputStream(tar), dir.resolve("dst"), 1 << 20, 1 << 20);
        assertEquals(List.of(), dropped);
        assertEquals("data", Files.readString(dir.resolve("dst/inputs/x.npy")));
        assertEquals("{}", Files.readString(dir.resolve("dst/job.json")));
    }

    @Test
    void linksEscapesAndOversizedFilesAreDropped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry link = new TarArchiveEntry("out/link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            file(tar, "../escape.txt", 1);
            file(tar, "/abs.txt", 1);
            file(tar, "out/results/big.npy", 100);
            file(tar, "out/results/ok.json", 2);
        }
        Path into = dir.resolve("into");
        List<String> dropped = TarFiles.unpack(new ByteArrayInputStream(bytes.toByteArray()), into, 10, 1 << 20);
        assertEquals(4, dropped.size(), dropped.toString());
        assertTrue(Files.exists(into.resolve("out/results/ok.json")));
        assertFalse(Files.exists(into.resolve("out/link")));
        assertFalse(Files.exists(dir.resolve("escape.txt")));
        assertFalse(Files.exists(into.resolve("out/results/big.npy")));
    }

    private static void file(TarArchiveOutputStream tar, String name, int size) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(size);
        tar.putArchiveEntry(e);
        tar.write(new byte[size]);
        tar.closeArchiveEntry();
    }
}
