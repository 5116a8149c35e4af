package dev.winelib.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * docs/plugin-parameters.md is generated from the plugin descriptor the build writes
 * (META-INF/maven/plugin.xml): every goal with its phase and every parameter a user can set, with its
 * property, default and description. This test fails when the page is not what the descriptor gives;
 * {@code -Dwinelib.writeReference=true} writes it.
 *
 * <p>Written here rather than with maven-plugin-report-plugin, which renders a site (HTML): the
 * reference lives beside the guide as Markdown, in the repository, and a plain test keeps it true.
 */
class PluginReferenceTest {

    private static final Path PAGE = Path.of("../docs/plugin-parameters.md");

    @Test
    void theParameterReferenceIsWhatThePluginDescriptorSays() throws Exception {
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertThat(descriptor).as("written by maven-plugin-plugin before the tests").isRegularFile();
        String expected = render(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(descriptor.toFile()));
        if (Boolean.getBoolean("winelib.writeReference")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        assertThat(PAGE).as("docs/plugin-parameters.md is out of date: run ./mvnw -pl winelib-maven-plugin test"
                + " -Dtest=PluginReferenceTest -Dwinelib.writeReference=true").hasContent(expected);
    }

    static String render(Document descriptor) {
        StringBuilder out = new StringBuilder();
        out.append("# Maven plugin reference: goals and parameters\n\n")
                .append("Generated from the plugin descriptor (`META-INF/maven/plugin.xml` of\n")
                .append("`dev.winelib:winelib-maven-plugin`) by `PluginReferenceTest`; do not edit by hand.\n")
                .append("Every parameter can be set in the plugin's `<configuration>` or, where it has one, as a\n")
                .append("`-D` property. `mvn help:describe -Dplugin=dev.winelib:winelib-maven-plugin -Ddetail`\n")
                .append("prints the same. The guide: [the plugin](plugin.md).\n");
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = child(mojo, "goal");
            if (goal.equals("help")) {
                continue;
            }
            out.append("\n## `winelib:").append(goal).append("`\n\n").append(text(child(mojo, "description")))
                    .append("\n");
            String phase = child(mojo, "phase");
            if (!phase.isEmpty()) {
                out.append("\nBound to the `").append(phase).append("` phase.\n");
            }
            Map<String, String[]> configuration = configuration(mojo);
            Map<String, String> rows = new TreeMap<>(); // by parameter name
            Element parameters = firstChild(mojo, "parameters");
            NodeList list = parameters == null ? null : parameters.getElementsByTagName("parameter");
            for (int j = 0; list != null && j < list.getLength(); j++) {
                Element parameter = (Element) list.item(j);
                if (!"true".equals(child(parameter, "editable"))) {
                    continue;
                }
                String name = child(parameter, "name");
                String[] config = configuration.getOrDefault(name, new String[] {"", ""});
                String property = config[0].startsWith("${") && config[0].endsWith("}")
                        ? "`" + config[0].substring(2, config[0].length() - 1) + "`" : "";
                String defaultValue = config[1].isEmpty() ? "" : "`" + config[1] + "`";
                rows.put(name, "| `" + name + "` | " + property + " | " + defaultValue + " | "
                        + text(child(parameter, "description")).replace("|", "\\|") + " |");
            }
            if (!rows.isEmpty()) {
                out.append("\n| parameter | property | default | meaning |\n| --- | --- | --- | --- |\n");
                rows.values().forEach(r -> out.append(r).append("\n"));
            }
        }
        return out.toString();
    }

    /** Each configured parameter's expression (${property}) and default value. */
    private static Map<String, String[]> configuration(Element mojo) {
        Map<String, String[]> result = new TreeMap<>();
        Element configuration = firstChild(mojo, "configuration");
        if (configuration == null) {
            return result;
        }
        for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.put(e.getTagName(), new String[] {e.getTextContent().trim(), e.getAttribute("default-value")});
            }
        }
        return result;
    }

    private static Element firstChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String child(Element parent, String name) {
        Element e = firstChild(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }

    /** A description as one Markdown line: code spans kept, other markup dropped, spaces collapsed. */
    private static String text(String description) {
        return description.replaceAll("(?s)</?code>", "`").replaceAll("(?s)\\{@code ([^}]*)}", "`$1`")
                .replaceAll("(?s)<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("\\s+", " ").trim();
    }
}
