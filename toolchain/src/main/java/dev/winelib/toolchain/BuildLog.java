package dev.winelib.toolchain;

/** Where the pipeline reports progress; the Maven plugin and the CLI each provide one. */
public interface BuildLog {

    void info(String message);

    void warn(String message);

    /** Details such as full command lines, shown with -X / -v. */
    void debug(String message);

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
        };
    }
}
