package dev.winelib.sysroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Debian Policy 5.6.12 ordering; the expected signs are what {@code dpkg --compare-versions} says. */
class DebianVersionTest {

    @ParameterizedTest
    @CsvSource({
        "1.0, 1.0, 0",
        "1.0, 1.00, 0",
        "1.0, 1.1, -1",
        "1.0~rc1, 1.0, -1",
        "1.0~~, 1.0~, -1",
        "1.0~, 1.0, -1",
        "1.0, 1.0a, -1",
        "1.0a, 1.0+, -1",
        "1.0+, 1.0.1, -1",
        "1:0.1, 2.0, 1",
        "2.31-13, 2.31-13+deb11u11, -1",
        "2.31-13+deb11u9, 2.31-13+deb11u11, -1",
        "10.2.1-6, 10.2.1-6, 0",
        "1.2.162.0-1, 1.2.162-1, 1",
        "2.0.14+dfsg2-3+deb11u1, 2.0.14+dfsg2-3+deb11u2, -1",
        "1:1.2.11.dfsg-2+deb11u2, 1.2.13, 1",
        "9.0.1-1, 10-1, -1",
        "1.18.0-2~exp1.1, 1.18.0-2, -1",
        "0.9-1, 0.10-1, -1",
        "1.0-1, 1.0-1.1, -1",
    })
    void ordersAsDpkg(String a, String b, int sign) {
        assertThat(Integer.signum(DebianVersion.parse(a).compareTo(DebianVersion.parse(b)))).isEqualTo(sign);
        assertThat(Integer.signum(DebianVersion.parse(b).compareTo(DebianVersion.parse(a)))).isEqualTo(-sign);
    }

    @ParameterizedTest
    @CsvSource({"'', ", "a1.0", "1:", "x:1.0", "1.0-", "1.0 2"})
    void refusesWhatIsNotAVersion(String text) {
        assertThatThrownBy(() -> DebianVersion.parse(text == null ? "" : text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a Debian version");
    }

    @ParameterizedTest
    @CsvSource({"1:2.3-4", "2.31-13+deb11u11", "1.0~rc1", "0.4-1"})
    void printsAsWritten(String text) {
        assertThat(DebianVersion.parse(text).toString()).isEqualTo(text);
    }
}
