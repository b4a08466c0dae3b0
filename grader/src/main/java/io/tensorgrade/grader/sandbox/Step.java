package io.tensorgrade.grader.sandbox;

import java.time.Duration;
import java.util.List;

/** One unit of work in a job: a call of a student's function, or a numerical gradient of one. */
public sealed interface Step permits Call, NumGrad {
    /** Unique within the job; names the result. */
    String id();

    /** The student file holding the function. */
    String file();

    /** The per-step time limit, or null for the job's default ({@link Limits#callTimeout()}). */
    Duration timeout();

    /** The ids of earlier calls whose returned objects this step receives. */
    List<String> dependencies();

    /** How many values the result holds. */
    int valueCount();
}
