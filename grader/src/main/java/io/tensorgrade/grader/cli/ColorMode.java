package io.tensorgrade.grader.cli;

/** {@code --color=auto|always|never}. */
enum ColorMode {
    AUTO, ALWAYS, NEVER;

    /** Whether to colour output: {@code auto} means a terminal, unless NO_COLOR is set or TERM is dumb. */
    boolean enabled() {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }
}
