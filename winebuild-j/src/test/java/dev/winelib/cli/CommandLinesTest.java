package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLinesTest {

    @Test
    void splitsLikeAShellWithoutExpansion() {
        assertThat(CommandLines.split("  --dll -E  a.spec\t-o a.s ")).containsExactly("--dll", "-E", "a.spec", "-o", "a.s");
        assertThat(CommandLines.split("-E 'my dir/a.spec' -F \"a \\\"b\\\" \\\\ $x\" c\\ d")).containsExactly("-E",
                "my dir/a.spec", "-F", "a \"b\" \\ $x", "c d");
        assertThat(CommandLines.split("a'b'\"c\"d")).containsExactly("abcd");
        assertThat(CommandLines.split("''")).containsExactly("");
        assertThat(CommandLines.split("-E a.spec # the rest is a comment")).containsExactly("-E", "a.spec");
        assertThat(CommandLines.split("a#b")).containsExactly("a#b");
        assertThat(CommandLines.split("   ")).isEmpty();
        assertThat(CommandLines.split("\"a\\nb\"")).containsExactly("a\\nb");
    }

    @Test
    void unterminatedQuotesAndTrailingBackslashAreErrors() {
        assertThatThrownBy(() -> CommandLines.split("-E 'a.spec")).hasMessage("unterminated single quote at column 4");
        assertThatThrownBy(() -> CommandLines.split("-E \"a.spec")).hasMessage("unterminated double quote");
        assertThatThrownBy(() -> CommandLines.split("-E a.spec\\")).hasMessage("backslash at the end of the line");
    }
}
