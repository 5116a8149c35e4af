package dev.winelib.toolchain.wintest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The reports are well-formed JUnit XML whatever the programs printed. */
class SurefireReportTest {

    @TempDir
    Path dir;

    @Test
    void aPassedProgramHasItsOutputAndNoFailure() throws Exception {
        Path file = SurefireReport.write(dir, new TestOutcome("ok", 0, false, Duration.ofSeconds(60),
                "line 1\r\nline <2> & \"3\"\r\n", "", Duration.ofMillis(1234)));

        Element suite = parse(file);
        assertThat(file.getFileName().toString()).isEqualTo("TEST-ok.xml");
        assertThat(suite.getAttribute("name")).isEqualTo("ok");
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).isEqualTo("1.234");
        Element testcase = (Element) suite.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo("ok");
        assertThat(testcase.getElementsByTagName("failure").getLength()).isZero();
        assertThat(text(suite, "system-out")).isEqualTo("line 1\nline <2> & \"3\"\n");
        assertThat(text(suite, "system-err")).isEmpty();
    }

    @Test
    void aFailedProgramHasAFailureWithTheExitCodeAndControlCharactersAreEscaped() throws Exception {
        String stdout = "\u001b[31mred\u001b[0m\u0000\u0007 done\n";
        Path file = SurefireReport.write(dir, new TestOutcome("bad", 3, false, Duration.ofSeconds(60), stdout,
                "err \uFFFF\n", Duration.ofMillis(10)));

        Element suite = parse(file);
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("exit code 3");
        assertThat(failure.getAttribute("type")).isEqualTo("exit code");
        assertThat(failure.getTextContent()).isEqualTo("bad.exe: exit code 3\n\\x1B[31mred\\x1B[0m\\x00\\x07 done\n"
                + "err \\uFFFF");
        assertThat(text(suite, "system-out")).isEqualTo("\\x1B[31mred\\x1B[0m\\x00\\x07 done\n");
        assertThat(text(suite, "system-err")).isEqualTo("err \\uFFFF\n");
    }

    @Test
    void aProgramThatRanOutOfTimeSaysSo() throws Exception {
        Element suite = parse(SurefireReport.write(dir, new TestOutcome("slow", -1, true, Duration.ofSeconds(5),
                "", "", Duration.ofSeconds(5))));

        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("did not finish within 5 s and was killed");
        assertThat(failure.getAttribute("type")).isEqualTo("timeout");
    }

    private static Element parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static String text(Element suite, String tag) {
        return suite.getElementsByTagName(tag).item(0).getTextContent();
    }
}
