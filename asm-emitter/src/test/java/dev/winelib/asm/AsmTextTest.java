package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AsmTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"foo", "_foo", "DllMain", "a1", "__wine_spec_nt_header", "$x", "a.b", ".Lx", "_", "$",
        "rax", "A_Z.z$9"})
    void plainIdentifiersAreLeftAsTheyAre(String name) {
        assertThat(AsmText.symbol(name)).isEqualTo(name);
        assertThat(AsmText.isPlainSymbol(name)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "??2@YAPAXI@Z|\"??2@YAPAXI@Z\"",
        "1abc|\"1abc\"",
        "a-b|\"a-b\"",
        "<x>|\"<x>\"",
        "a#b|\"a#b\"",
        "a;b|\"a;b\"",
        "a,b|\"a,b\"",
        "a:b|\"a:b\"",
        "~|\"~\"",
        "0|\"0\"",
        ".|\".\"",
    })
    void otherPrintableNamesAreQuoted(String name, String written) {
        assertThat(AsmText.symbol(name)).isEqualTo(written);
        assertThat(AsmText.isPlainSymbol(name)).isFalse();
    }

    @Test
    void apostropheIsQuotedToo() {
        assertThat(AsmText.symbol("a'b")).isEqualTo("\"a'b\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a\\b", "a b", "caf\u00e9", "\u4e2d", "tab\there", "nl\n", "del\u007f", "nul\u0000",
        "%rax", "%foo", ""})
    void namesThatCannotBeWrittenSafelyAreRefused(String name) {
        assertThatThrownBy(() -> AsmText.symbol(name)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AsmText.isPlainSymbol(name)).isFalse();
    }

    @Test
    void refusalNamesTheProblem() {
        assertThatThrownBy(() -> AsmText.symbol("a b")).hasMessage(
                "symbol name 'a b' has a character that cannot be written into assembly (code 32)");
        assertThatThrownBy(() -> AsmText.symbol("")).hasMessage("empty symbol name");
        assertThatThrownBy(() -> AsmText.symbol("%rax")).hasMessageContaining("'%rax'").hasMessageContaining("register");
    }

    @Test
    void stringLiteralKeepsPrintableAscii() {
        assertThat(AsmText.stringLiteral("hello.dll")).isEqualTo("\"hello.dll\"");
        assertThat(AsmText.stringLiteral("")).isEqualTo("\"\"");
        assertThat(AsmText.stringLiteral("kernel32.#12 ~!@$%^&*()'")).isEqualTo("\"kernel32.#12 ~!@$%^&*()'\"");
    }

    @Test
    void stringLiteralEscapesQuoteAndBackslash() {
        assertThat(AsmText.stringLiteral("a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(AsmText.stringLiteral("a\\b")).isEqualTo("\"a\\\\b\"");
        assertThat(AsmText.stringLiteral("\\\"")).isEqualTo("\"\\\\\\\"\"");
    }

    @Test
    void stringLiteralWritesControlAndHighBytesAsThreeDigitOctal() {
        assertThat(AsmText.stringLiteral("\n")).isEqualTo("\"\\012\"");
        assertThat(AsmText.stringLiteral("\t")).isEqualTo("\"\\011\"");
        assertThat(AsmText.stringLiteral("\u0000")).isEqualTo("\"\\000\"");
        assertThat(AsmText.stringLiteral("\u0001x")).isEqualTo("\"\\001x\"");
        assertThat(AsmText.stringLiteral("\u001f")).isEqualTo("\"\\037\"");
        assertThat(AsmText.stringLiteral("\u007f")).isEqualTo("\"\\177\"");
        assertThat(AsmText.stringLiteral("caf\u00e9")).isEqualTo("\"caf\\351\"");
        assertThat(AsmText.stringLiteral("\u00ff")).isEqualTo("\"\\377\"");
        // an octal escape followed by a digit stays three digits long, so the digit is not swallowed
        assertThat(AsmText.stringLiteral("\u00011")).isEqualTo("\"\\0011\"");
    }

    @Test
    void stringLiteralRefusesTextBeyondLatin1() {
        assertThatThrownBy(() -> AsmText.stringLiteral("\u0100")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 8-bit text");
        assertThatThrownBy(() -> AsmText.stringLiteral("\uD83D\uDE00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedLengthCountsTheNul() {
        assertThat(AsmText.storedLength("")).isEqualTo(1);
        assertThat(AsmText.storedLength("hello.dll")).isEqualTo(10);
        assertThat(AsmText.storedLength("a\"b\\c\n")).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({"hello.dll,hello_dll", "my-lib.drv,my_lib_drv", "A9z,A9z", "caf\u00e9.dll,caf__dll", "'',''"})
    void cIdentifier(String text, String identifier) {
        assertThat(AsmText.cIdentifier(text)).isEqualTo(identifier);
    }
}
