package io.tensorgrade.grader.check.model;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * How a model did on labelled images: the overall accuracy with its Wilson 95% interval, the accuracy of
 * each class and the confusion matrix.
 *
 * @param confusion {@code confusion[true][predicted]} counts; a prediction of -1 (non-finite outputs) is
 *                  counted in no column, and is wrong
 * @param invalid   images whose outputs were not all finite
 */
record AccuracyStats(int images, int correct, int[][] confusion, int invalid) {

    /** Confidence level of the interval in the feedback. */
    static final double LEVEL = 0.95;

    AccuracyStats {
        if (images < 1 || correct < 0 || correct > images) {
            throw new IllegalArgumentException("images=" + images + ", correct=" + correct);
        }
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    /** The statistics of {@code predicted} against {@code labels} (both for the same images) over {@code classes}. */
    static AccuracyStats of(int[] labels, int[] predicted, int classes) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + predicted.length + " predictions");
        }
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        int invalid = 0;
        for (int i = 0; i < labels.length; i++) {
            int p = predicted[i];
            if (p < 0) {
                invalid++;
                continue;
            }
            if (p < classes && labels[i] < classes) {
                confusion[labels[i]][p]++;
            }
            if (p == labels[i]) {
                correct++;
            }
        }
        return new AccuracyStats(labels.length, correct, confusion, invalid);
    }

    double accuracy() {
        return (double) correct / images;
    }

    /** The Wilson score interval of the accuracy at {@link #LEVEL}: {lower, upper}. */
    double[] wilson() {
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval(images, correct, LEVEL);
        return new double[] {ci.getLowerBound(), ci.getUpperBound()};
    }

    /** {@code airplane 90% (18/20), automobile 85% (17/20), ...}; classes with no images are left out. */
    String perClass(List<String> names, int[] labels) {
        int[] totals = new int[confusion.length];
        for (int label : labels) {
            if (label < totals.length) {
                totals[label]++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < confusion.length; c++) {
            if (totals[c] == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(name(names, c)).append(' ').append(percent((double) confusion[c][c] / totals[c], 0))
                    .append(" (").append(confusion[c][c]).append('/').append(totals[c]).append(')');
        }
        return sb.toString();
    }

    /** The confusion matrix as aligned text: one row per true class, one column per predicted class. */
    String confusionTable(List<String> names) {
        int width = 3;
        for (int[] row : confusion) {
            for (int v : row) {
                width = Math.max(width, String.valueOf(v).length() + 1);
            }
        }
        String corner = "true \\ predicted";
        int label = corner.length();
        for (int c = 0; c < confusion.length; c++) {
            label = Math.max(label, (c + " " + name(names, c)).length());
        }
        StringBuilder sb = new StringBuilder(pad(corner, label));
        for (int c = 0; c < confusion.length; c++) {
            sb.append(String.format(Locale.ROOT, "%" + width + "d", c));
        }
        for (int c = 0; c < confusion.length; c++) {
            sb.append('\n').append(pad(c + " " + name(names, c), label));
            for (int v : confusion[c]) {
                sb.append(String.format(Locale.ROOT, "%" + width + "d", v));
            }
        }
        return sb.toString();
    }

    static String percent(double fraction, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * fraction);
    }

    private static String name(List<String> names, int c) {
        return c < names.size() ? names.get(c) : "class " + c;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
