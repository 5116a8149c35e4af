package dev.winelib.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.component.configurator.ConfigurationListener;
import org.codehaus.plexus.component.configurator.expression.TypeAwareExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The goals' configurator sets every kind of parameter the goals have exactly as Maven's standard
 * configurator does (the same values, the same fields reported to Maven's listener, the same errors),
 * and hands what it does not read itself to Maven's.
 */
class GoalConfiguratorTest {

    private static final File BASE = new File("/project/base");

    /** A goal's kinds of parameters. */
    static class Goal {
        String text;
        String withDefault = "initial";
        File file;
        File relative;
        File fromExpression;
        boolean flag;
        boolean flagWithDefault;
        int number = 7;
        List<String> words = new ArrayList<>();
        List<File> files = new ArrayList<>();
        List<String> unset = new ArrayList<>(List.of("kept?"));
        List<Object> handed;
        Thing thing;
        File outputDirectory;
    }

    /** Something Maven hands over as it is, as {@code ${project}}. */
    record Thing(String name) {
    }

    private final Map<String, Object> values = new HashMap<>(Map.of(
            "prop.text", "from a property",
            "prop.words", "a,,b, c",
            "prop.empty", "",
            "prop.files", "x.o,/abs/y.a",
            "prop.flag", "true",
            "thing", new Thing("the project"),
            "list", List.of("given", "as is"),
            "dir", new File("target"),
            "build.directory", "/project/base/target"));

    @Test
    void setsEveryKindOfParameterAsMavensConfiguratorDoes() throws Exception {
        PlexusConfiguration c = configuration(
                element("text", "plain text"),
                element("with-default", "${unset.property}", "default-value", "${build.directory}/x"),
                element("file", "${prop.missing}", "default-value", "/abs/file", "implementation", "java.io.File"),
                element("relative", "src/main/c"),
                element("fromExpression", "${dir}"),
                element("flag", "${prop.flag}"),
                element("flagWithDefault", "${unset}", "default-value", "false", "implementation", "boolean"),
                element("number", "42", "implementation", "int"),
                list("words", null, "one", "", "${prop.text}"),
                list("files", null, "a.o", "/b/c.a"),
                element("unset", "${nothing}", "implementation", "java.util.List"),
                element("handed", null, "default-value", "${list}"),
                element("thing", null, "default-value", "${thing}"),
                element("output-directory", "${build.directory}"));
        assertSame(c);
        Goal goal = configure(new GoalConfigurator(), c, new ArrayList<>());
        assertThat(goal.relative).isEqualTo(new File(BASE, "src/main/c"));
        assertThat(goal.words).containsExactly("one", null, "from a property");
        assertThat(goal.withDefault).isEqualTo("/project/base/target/x");
        assertThat(goal.thing).isEqualTo(new Thing("the project"));
    }

    @Test
    void listsFromPropertiesAreSplitAtCommasAndWinOverElements() throws Exception {
        assertSame(configuration(list("words", "${prop.words}", "ignored"), list("files", "${prop.files}"),
                list("unset", "${prop.empty}")));
        Goal goal = configure(new GoalConfigurator(), configuration(list("words", "${prop.words}")), new ArrayList<>());
        assertThat(goal.words).containsExactly("a", null, "b", " c");
    }

    @Test
    void unsetParametersKeepTheirInitialValues() throws Exception {
        assertSame(configuration(element("text", "${nothing}"), element("number", "${nothing}"),
                element("withDefault", null)));
        Goal goal = configure(new GoalConfigurator(), configuration(element("number", "${nothing}")), new ArrayList<>());
        assertThat(goal.number).isEqualTo(7);
    }

    @Test
    void whatItDoesNotReadGoesToMavensConfigurator() throws Exception {
        // another implementation than the field's type, and nested elements in a list's entry
        assertSame(configuration(element("text", "x", "implementation", "java.lang.Object")));
        XmlPlexusConfiguration nested = list("words", null, "a");
        nested.getChild(0).addChild("deeper", "b");
        assertSameFailure(configuration(nested));
        // errors: a field that does not exist, a number that is not one, child elements in a plain value
        assertSameFailure(configuration(element("noSuchParameter", "x")));
        assertSameFailure(configuration(element("number", "forty-two")));
        XmlPlexusConfiguration withChild = element("text", null);
        withChild.addChild("child", "x");
        assertSameFailure(configuration(withChild));
    }

    /** Both configurators give the same fields and report the same fields to the listener. */
    private void assertSame(PlexusConfiguration configuration) throws Exception {
        List<String> ours = new ArrayList<>();
        List<String> mavens = new ArrayList<>();
        Goal a = configure(new GoalConfigurator(), configuration, ours);
        Goal b = configure(new BasicComponentConfigurator(), configuration, mavens);
        assertThat(fields(a)).isEqualTo(fields(b));
        assertThat(ours).containsExactlyInAnyOrderElementsOf(mavens);
    }

    private void assertSameFailure(PlexusConfiguration configuration) {
        Throwable mavens = catchThrowable(new BasicComponentConfigurator(), configuration);
        assertThat(mavens).isInstanceOf(ComponentConfigurationException.class);
        assertThatThrownBy(() -> configure(new GoalConfigurator(), configuration, new ArrayList<>()))
                .isInstanceOf(ComponentConfigurationException.class).hasMessage(mavens.getMessage());
    }

    private Throwable catchThrowable(ComponentConfigurator configurator, PlexusConfiguration configuration) {
        try {
            configure(configurator, configuration, new ArrayList<>());
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private Goal configure(ComponentConfigurator configurator, PlexusConfiguration configuration, List<String> notified)
            throws Exception {
        Goal goal = new Goal();
        configurator.configureComponent(goal, configuration, new Evaluator(values), realm(), new ConfigurationListener() {
            @Override
            public void notifyFieldChangeUsingSetter(String fieldName, Object value, Object target) {
                notified.add("setter " + fieldName + "=" + value);
            }

            @Override
            public void notifyFieldChangeUsingReflection(String fieldName, Object value, Object target) {
                notified.add(fieldName + "=" + value);
            }
        });
        return goal;
    }

    private static ClassRealm realm() throws Exception {
        ClassWorld world = new ClassWorld();
        return world.newRealm("test-" + System.nanoTime(), GoalConfiguratorTest.class.getClassLoader());
    }

    private static Map<String, Object> fields(Goal goal) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : Goal.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                values.put(f.getName(), f.get(goal));
            }
        }
        return values;
    }

    private static PlexusConfiguration configuration(PlexusConfiguration... elements) {
        XmlPlexusConfiguration c = new XmlPlexusConfiguration("configuration");
        for (PlexusConfiguration e : elements) {
            c.addChild(e);
        }
        return c;
    }

    /** An element with a value (or none) and attributes given as name, value pairs. */
    private static XmlPlexusConfiguration element(String name, String value, String... attributes) {
        XmlPlexusConfiguration e = new XmlPlexusConfiguration(name);
        if (value != null) {
            e.setValue(value);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            e.setAttribute(attributes[i], attributes[i + 1]);
        }
        return e;
    }

    /** A list parameter as Maven hands it: its property expression as the value, entries as children. */
    private static XmlPlexusConfiguration list(String name, String value, String... entries) {
        XmlPlexusConfiguration e = element(name, value, "implementation", "java.util.List");
        for (String entry : entries) {
            e.addChild(element("entry", entry.isEmpty() ? null : entry));
        }
        return e;
    }

    /** Maven's expressions in small: {@code ${name}} alone gives the value itself, within text its text. */
    private record Evaluator(Map<String, Object> values) implements TypeAwareExpressionEvaluator {
        @Override
        public Object evaluate(String expression) {
            return evaluate(expression, null);
        }

        @Override
        public Object evaluate(String expression, Class<?> type) {
            int start = expression.indexOf("${");
            if (start < 0) {
                return expression;
            }
            int end = expression.indexOf('}', start);
            Object value = values.get(expression.substring(start + 2, end));
            if (start == 0 && end == expression.length() - 1) {
                return value;
            }
            return expression.substring(0, start) + (value == null ? expression.substring(start, end + 1) : value)
                    + evaluate(expression.substring(end + 1), type);
        }

        @Override
        public File alignToBaseDirectory(File file) {
            return file.isAbsolute() ? file : new File(BASE, file.getPath());
        }
    }
}
