package io.tensorgrade.grader.sandbox.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the tasks (threads included) a uid has now. RLIMIT_NPROC counts all of a user's tasks on
 * the machine, so the limit given to student code is this count plus its own allowance.
 */
final class TaskCount {
    private TaskCount() {
    }

    static long ofUid(int uid) {
        if (uid < 0) {
            return 0;
        }
        long n = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p))) {
            for (Path p : procs) {
                n += threadsIfOwned(p.resolve("status"), uid);
            }
        } catch (IOException | RuntimeException e) {
            return n;
        }
        return n;
    }

    private static boolean isPid(Path p) {
        String s = p.getFileName().toString();
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static long threadsIfOwned(Path status, int uid) {
        try {
            int owner = -1;
            long threads = 1;
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    owner = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring(8).trim());
                }
            }
            return owner == uid ? threads : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
