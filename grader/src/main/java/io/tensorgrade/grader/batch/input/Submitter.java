package io.tensorgrade.grader.batch.input;

/**
 * One person on a submission, as a Gradescope export's metadata names them; any field may be null.
 * Blank fields are stored as null, so that "no e-mail" has one spelling.
 */
public record Submitter(String name, String sid, String email) {

    public Submitter {
        name = blankToNull(name);
        sid = blankToNull(sid);
        email = blankToNull(email);
    }

    /** How notes name this person: the e-mail, else the student id, else the name. */
    String label() {
        return email != null ? email : sid != null ? "sid " + sid : name != null ? name : "an unnamed submitter";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
