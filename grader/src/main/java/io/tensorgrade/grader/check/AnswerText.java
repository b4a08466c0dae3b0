package io.tensorgrade.grader.check;

import io.tensorgrade.grader.check.Reading.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words around a value in an answer: a label ({@code output:}, {@code W =}), a working before
 * {@code =} ({@code (3*6+4*9+6)*25 = 1500}), a mark of an estimate ({@code ~}, {@code ≈}, {@code about})
 * and a unit word ({@code FLOPs}, {@code MACs}, {@code params}).
 */
final class AnswerText {

    /** One side of an {@code =}, or of an {@code ≈} (then {@code approximate}). */
    record Segment(String text, boolean approximate) {
    }

    /** A value's text without its mark of an estimate and its unit word. */
    record Bare(String text, boolean estimate, Unit unit) {
    }

    /** {@code output:}, {@code Total FLOPs:}, {@code Layer 1:} before the value. */
    private static final Pattern COLON_LABEL = Pattern.compile("^\\s*[A-Za-z][^:=\\[\\](){}\\n]*?\\s*:(?!=)\\s*");
    /** {@code W =}, {@code w_gray =} before a list. */
    private static final Pattern NAME = Pattern.compile("^\\s*[A-Za-z_][A-Za-z0-9_.]*\\s*=(?!=)\\s*");
    private static final Pattern ESTIMATE = Pattern.compile("^(?:~|∼|≈|≃|≅|(?i:(?:about|approximately|approx"
            + "|around|roughly|circa)(?![A-Za-z])\\.?|ca\\.))\\s*");
    private static final Pattern UNIT = Pattern.compile("(?i)(?<![A-Za-z])(?:([kmgt])(?=flop|mac))?(flops?|macs?"
            + "|mult-adds?|multiply-adds?|multiply-accumulates?|multiplications?|mults?|params?|parameters?"
            + "|weights?|operations?|ops)\\.?$");

    private AnswerText() {
    }

    /** {@code text} without a leading {@code LABEL:}. */
    static String withoutColonLabel(String text) {
        Matcher m = COLON_LABEL.matcher(text);
        return m.find() && m.end() < text.length() ? text.substring(m.end()) : text;
    }

    /** {@code text} without a leading {@code LABEL:} or {@code NAME =} (for lists, which have no working). */
    static String withoutLabel(String text) {
        String t = withoutColonLabel(text);
        Matcher m = NAME.matcher(t);
        return m.find() && m.end() < t.length() ? t.substring(m.end()) : t;
    }

    /** The sides of the {@code =} and {@code ≈} signs outside brackets; one segment when there is none. */
    static List<Segment> segments(String text) {
        List<Segment> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean approximate = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("([{⌊⌈".indexOf(c) >= 0) {
                depth++;
            } else if (")]}⌋⌉".indexOf(c) >= 0) {
                depth = Math.max(0, depth - 1);
            }
            if (depth > 0) {
                continue;
            }
            int width = separator(text, i);
            if (width > 0) {
                out.add(new Segment(text.substring(start, i).strip(), approximate));
                approximate = c != '=' && c != ':';
                start = i + width;
                i += width - 1;
            }
        }
        out.add(new Segment(text.substring(start).strip(), approximate));
        return out;
    }

    /** The length of the separator at {@code i} ({@code =}, {@code ==}, {@code :=}, {@code ~=}, {@code ≈}); 0 if none. */
    private static int separator(String text, int i) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
        if ("≈≃≅".indexOf(c) >= 0) {
            return 1;
        }
        if ((c == '~' || c == ':') && next == '=') {
            return 2;
        }
        if (c == '=') {
            return next == '=' ? 2 : 1;
        }
        return 0;
    }

    /** {@code text} without a leading mark of an estimate and a trailing unit word (whose SI prefix stays). */
    static Bare bare(String text, boolean approximate) {
        String t = text.strip();
        Matcher e = ESTIMATE.matcher(t);
        boolean estimate = approximate;
        if (e.find()) {
            estimate = true;
            t = t.substring(e.end());
        }
        Matcher u = UNIT.matcher(t);
        Unit unit = null;
        if (u.find() && u.start() > 0) {
            String word = u.group(2).toLowerCase(Locale.ROOT);
            unit = word.startsWith("flop") || word.startsWith("op") ? Unit.FLOPS
                    : word.startsWith("param") || word.startsWith("weight") ? Unit.PARAMS : Unit.MACS;
            String prefix = u.group(1) == null ? ""
                    : u.group(1).equals("k") ? "k" : u.group(1).toUpperCase(Locale.ROOT);
            t = (t.substring(0, u.start()) + prefix).strip();
        }
        return new Bare(t, estimate, unit);
    }

    static boolean hasLetter(String text) {
        return text.chars().anyMatch(Character::isLetter);
    }
}
