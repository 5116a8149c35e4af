package dev.winelib.maven;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.component.configurator.ConfigurationListener;
import org.codehaus.plexus.component.configurator.expression.DefaultExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.TypeAwareExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Sets the parameters of the goals that build a module ({@code @Mojo(configurator = "winelib")}) the way
 * Maven's standard ("basic") configurator does, for the kinds of values these goals have: text, files
 * (made absolute against the project directory), flags, numbers, lists of text or files (from child
 * elements, or comma-separated from a property) and objects Maven hands over ({@code ${project}}).
 * Any configuration outside that (an {@code implementation} hint for another type, nested elements in
 * a plain value, a value of the wrong type, an element that names no field, a setter) is handed to
 * Maven's own configurator as a whole, which sets it or reports the error it always did.
 *
 * <p>Why not Maven's configurator for everything: on its first use in Maven's JVM it loads and
 * initialises its whole converter table (about thirty classes, date and time formatters among them) and
 * searches every parameter's setter through reflection; in a no-op build, where the goal itself reads
 * one record and compares file statuses, that was about a third of the plugin's share of the build.
 */
final class GoalConfigurator implements ComponentConfigurator {

    /** The role hint the goals name in {@code @Mojo(configurator = ...)}. */
    static final String HINT = "winelib";

    /** Marks a configuration this class leaves to Maven's configurator. */
    private static final Object NOT_PLAIN = new Object();

    @Override
    public void configureComponent(Object component, PlexusConfiguration configuration, ClassRealm realm)
            throws ComponentConfigurationException {
        configureComponent(component, configuration, new DefaultExpressionEvaluator(), realm, null);
    }

    @Override
    public void configureComponent(Object component, PlexusConfiguration configuration, ExpressionEvaluator evaluator,
            ClassRealm realm) throws ComponentConfigurationException {
        configureComponent(component, configuration, evaluator, realm, null);
    }

    @Override
    public void configureComponent(Object component, PlexusConfiguration configuration, ExpressionEvaluator evaluator,
            ClassRealm realm, ConfigurationListener listener) throws ComponentConfigurationException {
        List<String> setters = setters(component.getClass());
        Map<String, Field> byName = fields(component.getClass());
        List<Field> fields = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (PlexusConfiguration element : configuration.getChildren()) {
            String name = propertyName(element.getName());
            Field field = byName.get(name);
            Object value = field == null || Modifier.isFinal(field.getModifiers()) || setters.contains(name) ? NOT_PLAIN
                    : value(field, element, evaluator);
            if (value == NOT_PLAIN) {
                new BasicComponentConfigurator().configureComponent(component, configuration, evaluator, realm, listener);
                return;
            }
            fields.add(field);
            values.add(value);
        }
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Object value = values.get(i);
            if (value == null) {
                continue; // as Maven's: an unset parameter keeps its field's initial value
            }
            if (listener != null) {
                listener.notifyFieldChangeUsingReflection(field.getName(), value, component);
            }
            try {
                field.setAccessible(true);
                field.set(component, value);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new ComponentConfigurationException("Cannot set '" + field.getName() + "' in "
                        + component.getClass(), e);
            }
        }
    }

    /** The value of {@code field} from {@code element}: null when unset, {@link #NOT_PLAIN} when not a plain value. */
    private static Object value(Field field, PlexusConfiguration element, ExpressionEvaluator evaluator)
            throws ComponentConfigurationException {
        Class<?> type = field.getType();
        String hint = element.getAttribute("implementation", null);
        if (hint != null && !hint.equals(type.getName())) {
            return NOT_PLAIN;
        }
        if (type == List.class) {
            return list(field, element, evaluator);
        }
        if (element.getChildCount() > 0) {
            return NOT_PLAIN;
        }
        return plain(type, expression(element, evaluator, type), evaluator);
    }

    /** A list of text or files, or a list Maven's expression gives as it is. */
    private static Object list(Field field, PlexusConfiguration element, ExpressionEvaluator evaluator)
            throws ComponentConfigurationException {
        Object value = expression(element, evaluator, List.class);
        if (value instanceof List<?>) {
            return value;
        }
        Type generic = field.getGenericType();
        Type elementType = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : null;
        if (elementType != String.class && elementType != File.class || (value != null && !(value instanceof String))) {
            return NOT_PLAIN;
        }
        Class<?> itemType = (Class<?>) elementType;
        List<Object> items = new ArrayList<>();
        if (value != null) {
            // a property's value: comma-separated, each entry read as an element of its own
            for (String entry : ((String) value).split(",", -1)) {
                Object item = plain(itemType, entry.isEmpty() ? null : evaluate(entry, element, evaluator, itemType),
                        evaluator);
                if (item == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                items.add(item);
            }
            if (((String) value).isEmpty()) {
                items.clear();
            }
            return items;
        }
        for (PlexusConfiguration child : element.getChildren()) {
            if (child.getChildCount() > 0 || child.getAttribute("implementation", null) != null
                    || child.getName().indexOf('.') >= 0) {
                return NOT_PLAIN;
            }
            Object item = plain(itemType, expression(child, evaluator, itemType), evaluator);
            if (item == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            items.add(item);
        }
        return items;
    }

    /** {@code value} as a {@code type}: from text as Maven's converters read it, or as it is when it has that type. */
    private static Object plain(Class<?> type, Object value, ExpressionEvaluator evaluator) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            if (type == String.class) {
                return text;
            }
            if (type == File.class) {
                return evaluator.alignToBaseDirectory(new File(text.replace(File.separatorChar == '/' ? '\\' : '/',
                        File.separatorChar)));
            }
            if (type == boolean.class || type == Boolean.class) {
                return Boolean.valueOf(text);
            }
            if (type == int.class || type == Integer.class) {
                try {
                    return Integer.valueOf(text);
                } catch (NumberFormatException e) {
                    return NOT_PLAIN; // Maven's configurator says what is wrong
                }
            }
            return NOT_PLAIN;
        }
        if (type == File.class && value instanceof File file) {
            return evaluator.alignToBaseDirectory(file);
        }
        Class<?> boxed = type == boolean.class ? Boolean.class : type == int.class ? Integer.class : type;
        return boxed.isInstance(value) ? value : NOT_PLAIN;
    }

    /** The element's value, else (when it has no children) its default, each evaluated as Maven's expression. */
    private static Object expression(PlexusConfiguration element, ExpressionEvaluator evaluator, Class<?> type)
            throws ComponentConfigurationException {
        String value = element.getValue(null);
        Object result = value == null || value.isEmpty() ? null : evaluate(value, element, evaluator, type);
        if (result == null && element.getChildCount() == 0) {
            String defaultValue = element.getAttribute("default-value", null);
            if (defaultValue != null && !defaultValue.isEmpty()) {
                result = evaluate(defaultValue, element, evaluator, type);
            }
        }
        return result;
    }

    private static Object evaluate(String expression, PlexusConfiguration element, ExpressionEvaluator evaluator,
            Class<?> type) throws ComponentConfigurationException {
        try {
            return evaluator instanceof TypeAwareExpressionEvaluator typed ? typed.evaluate(expression, type)
                    : evaluator.evaluate(expression);
        } catch (ExpressionEvaluationException e) {
            throw new ComponentConfigurationException(element, "Cannot evaluate expression '" + expression
                    + "' for configuration entry '" + element.getName() + "'", e);
        }
    }

    /**
     * The instance fields of {@code type} and its superclasses by name, the subclass's first (as Maven's
     * configurator finds them).
     */
    private static Map<String, Field> fields(Class<?> type) {
        Map<String, Field> fields = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !fields.containsKey(f.getName())) {
                    fields.put(f.getName(), f);
                }
            }
        }
        return fields;
    }

    /** The properties a public {@code setX}/{@code addX} method of one argument sets (Maven's configurator prefers those). */
    private static List<String> setters(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Method m : type.getMethods()) {
            String n = m.getName();
            if (m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers()) && n.length() > 3
                    && (n.startsWith("set") || n.startsWith("add"))) {
                names.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
            }
        }
        return names;
    }

    /** An element's name as a property: {@code foo-bar} is {@code fooBar}. */
    static String propertyName(String elementName) {
        StringBuilder b = new StringBuilder(elementName.length());
        boolean upper = false;
        for (int i = 0; i < elementName.length(); i++) {
            char c = elementName.charAt(i);
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
