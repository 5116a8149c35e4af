package dev.winelib.toolchain;

/** Where the pipeline reports progress; the Maven plugin and the CLI each provide one. */
public interface BuildLog {

    void info(String message);

    void warn(String message);

    /** Details such as full command lines, shown with -X / -v. */
    void debug(String message);

    /**
     * Whether {@link #debug} messages are shown, so that a caller can skip making many of them when
     * they are not (true unless the log says otherwise).
     */
    default boolean isDebugEnabled() {
        return true;
    }

    /** A log that drops everything. */
    static BuildLog silent() {
        return new BuildLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void debug(String message) {
            }

            @Override
            public boolean isDebugEnabled() {
                return false;
            }
        };
    }
}
