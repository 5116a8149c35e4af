package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test locally and fails it on CI, naming the package to install. */
class ExternalToolsTest {

    @Test
    void missingToolSkipsOrFailsWithThePackageName() {
        Throwable t = catchThrowable(() -> ExternalTools.require("winebuild-j-no-such-tool", "no-such-package",
                java.nio.file.Path.of("/nonexistent/winebuild-j-no-such-tool")));
        Class<? extends Throwable> expected = "true".equals(System.getenv("CI"))
                ? AssertionFailedError.class : TestAbortedException.class;
        assertThat(t).isInstanceOf(expected)
                .hasMessageContaining("winebuild-j-no-such-tool is not installed (Debian package: no-such-package)");
    }
}
