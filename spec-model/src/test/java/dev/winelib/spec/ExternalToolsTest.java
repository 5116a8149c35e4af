package dev.winelib.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import net.jqwik.api.lifecycle.SkipExecutionHook;

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

    @Test
    void missingToolSkipsPropertiesExceptOnCi() {
        SkipExecutionHook.SkipResult r = ExternalTools.skipUnlessPresent("winebuild-j-no-such-tool",
                "no-such-package", Path.of("/nonexistent/winebuild-j-no-such-tool"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(r.isSkipped()).isFalse();
        } else {
            assertThat(r.isSkipped()).isTrue();
            assertThat(r.reason()).contains("winebuild-j-no-such-tool is not installed (Debian package:"
                    + " no-such-package); properties skipped");
        }
    }

    @Test
    void presentToolIsNotSkipped() {
        assertThat(ExternalTools.skipUnlessPresent("sh", "dash", Path.of("/bin/sh")).isSkipped()).isFalse();
    }
}
