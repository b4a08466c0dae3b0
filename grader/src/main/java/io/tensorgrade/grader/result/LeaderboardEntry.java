package io.tensorgrade.grader.result;

import java.util.Objects;

/**
 * One value a part puts on Gradescope's leaderboard (results.json {@code leaderboard}: name, value, order).
 *
 * @param order {@code desc} when higher is better (an accuracy), {@code asc} when lower is
 */
public record LeaderboardEntry(String name, double value, String order) {

    public LeaderboardEntry {
        Objects.requireNonNull(name, "name");
        if (!"asc".equals(order) && !"desc".equals(order)) {
            throw new IllegalArgumentException("order=" + order + " must be asc or desc");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value=" + value + " must be finite");
        }
    }
}
