package io.tensorgrade.grader.batch.input;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Drops the submissions a later one replaced. A student is the same person on two submissions when the
 * student id matches, else the e-mail. A submission is dropped when every one of its submitters is on a
 * later submission elsewhere, so a group's work stays as long as one member has nothing newer; when the
 * times are unknown or equal nothing is dropped and the TA is told.
 */
final class Supersede {

    /** What is graded, in the order given, and a note for each dropped or doubly graded student. */
    record Result(List<ClassSubmission> kept, List<String> notes) {
        Result {
            kept = List.copyOf(kept);
            notes = List.copyOf(notes);
        }
    }

    private Supersede() {
    }

    static Result apply(List<ClassSubmission> submissions) {
        Map<String, List<ClassSubmission>> byStudent = new LinkedHashMap<>();
        Map<String, Submitter> who = new LinkedHashMap<>();
        for (ClassSubmission s : submissions) {
            for (Submitter p : s.submitters()) {
                String id = identity(p);
                if (id != null) {
                    List<ClassSubmission> on = byStudent.computeIfAbsent(id, k -> new ArrayList<>());
                    if (!on.contains(s)) {
                        on.add(s);
                    }
                    who.putIfAbsent(id, p);
                }
            }
        }
        List<ClassSubmission> kept = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ClassSubmission s : submissions) {
            List<String> dropNotes = new ArrayList<>();
            boolean replaced = !s.submitters().isEmpty();
            for (Submitter p : s.submitters()) {
                String id = identity(p);
                ClassSubmission later = id == null ? null : latestAfter(s, byStudent.get(id));
                if (later == null) {
                    replaced = false;
                    break;
                }
                dropNotes.add(p.label() + " is on " + s.student() + " (" + s.submittedAt() + ") and "
                        + later.student() + " (" + later.submittedAt() + "): graded the later one, "
                        + later.student() + ".");
            }
            if (replaced) {
                notes.addAll(dropNotes);
            } else {
                kept.add(s);
            }
        }
        for (Map.Entry<String, List<ClassSubmission>> e : byStudent.entrySet()) {
            List<ClassSubmission> graded = e.getValue().stream().filter(kept::contains).toList();
            if (graded.size() > 1) {
                notes.add(who.get(e.getKey()).label() + " is on " + String.join(" and ", graded.stream()
                        .map(s -> s.student() + " (" + (s.submittedAt() == null ? "time unknown" : s.submittedAt())
                                + ")").toList())
                        + ": each is graded, because none is later for every one of its submitters (a group"
                        + " partner has nothing newer, or the times are equal or unknown); check which counts.");
            }
        }
        return new Result(kept, notes);
    }

    /** The same person on two submissions: the student id when there is one, else the e-mail. */
    static String identity(Submitter p) {
        if (p.sid() != null) {
            return "sid:" + p.sid();
        }
        return p.email() == null ? null : "email:" + p.email().toLowerCase(Locale.ROOT);
    }

    /** The latest submission of {@code on} that is strictly later than {@code s}, or null. */
    private static ClassSubmission latestAfter(ClassSubmission s, List<ClassSubmission> on) {
        Instant at = s.submittedAt();
        if (at == null) {
            return null;
        }
        ClassSubmission latest = null;
        for (ClassSubmission o : on) {
            if (o != s && o.submittedAt() != null && o.submittedAt().isAfter(at)
                    && (latest == null || o.submittedAt().isAfter(latest.submittedAt()))) {
                latest = o;
            }
        }
        return latest;
    }
}
