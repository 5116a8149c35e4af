package dev.winelib.toolchain.wintest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.winelib.toolchain.build.AtomicFiles;

/**
 * Writes a Windows test program's outcome as a JUnit/Surefire XML report, {@code TEST-NAME.xml}, the
 * form CI servers read: one {@code testsuite} with one {@code testcase}, a {@code failure} with the
 * reason and the end of the output when it failed, and the program's stdout and stderr as
 * {@code system-out} and {@code system-err}. Characters XML 1.0 cannot hold (escape sequences,
 * other control characters) are written as {@code \xNN}.
 */
public final class SurefireReport {

    private SurefireReport() {
    }

    /** The report file of {@code name} in {@code directory}. */
    public static Path file(Path directory, String name) {
        return directory.resolve("TEST-" + name + ".xml");
    }

    /** Writes the report (atomically) and returns its file. */
    public static Path write(Path directory, TestOutcome outcome) throws IOException {
        Files.createDirectories(directory);
        Path file = file(directory, outcome.name());
        Path tmp = AtomicFiles.temporarySibling(file);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeCharacters("\n");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", outcome.name());
                xml.writeAttribute("tests", "1");
                xml.writeAttribute("failures", outcome.passed() ? "0" : "1");
                xml.writeAttribute("errors", "0");
                xml.writeAttribute("skipped", "0");
                xml.writeAttribute("time", seconds(outcome));
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", outcome.name());
                xml.writeAttribute("classname", outcome.name());
                xml.writeAttribute("time", seconds(outcome));
                if (!outcome.passed()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", clean(outcome.reason()));
                    xml.writeAttribute("type", outcome.timedOut() ? "timeout" : "exit code");
                    xml.writeCharacters(clean(outcome.name() + ".exe: " + outcome.reason() + "\n"
                            + outcome.outputTail()));
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n    ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(clean(outcome.stdout()));
                xml.writeEndElement();
                xml.writeCharacters("\n    ");
                xml.writeStartElement("system-err");
                xml.writeCharacters(clean(outcome.stderr()));
                xml.writeEndElement();
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
                xml.writeCharacters("\n");
                xml.writeEndElement();
                xml.writeCharacters("\n");
                xml.writeEndDocument();
                xml.close();
            } catch (XMLStreamException e) {
                throw new IOException("writing " + file + ": " + e.getMessage(), e);
            }
            AtomicFiles.commit(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    private static String seconds(TestOutcome outcome) {
        return String.format(Locale.ROOT, "%.3f", outcome.elapsed().toMillis() / 1000.0);
    }

    /** {@code text} with every character XML 1.0 cannot hold written as {@code \xNN} (or {@code \\uNNNN}). */
    static String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (allowed) {
                b.appendCodePoint(c);
            } else if (c <= 0xFF) {
                b.append(String.format(Locale.ROOT, "\\x%02X", c));
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04X", c));
            }
            i += Character.charCount(c);
        }
        return b.toString();
    }
}
