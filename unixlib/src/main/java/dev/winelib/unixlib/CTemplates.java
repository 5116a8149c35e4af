package dev.winelib.unixlib;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/** Renders the C templates under {@code /dev/winelib/unixlib}. */
final class CTemplates {

    private static final Configuration FREEMARKER = createConfiguration();

    private CTemplates() {
    }

    static String render(String templateName, Map<String, Object> model) {
        try {
            Template template = FREEMARKER.getTemplate(templateName);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the C template " + templateName, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("the C template " + templateName + " failed: " + e.getMessage(), e);
        }
    }

    /** Text safe inside a C comment or string literal: printable ASCII without quotes, backslashes or comment marks. */
    static String comment(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return b.toString().replace("*/", "*?/").replace("/*", "/?*");
    }

    /** A C string literal of {@code text}: printable ASCII as it is, everything else as octal escapes. */
    static String stringLiteral(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (byte raw : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f && c != '?') {
                b.append((char) c);
            } else {
                // octal escapes take at most three digits, so the next character is never absorbed; '?' avoids trigraphs
                b.append(String.format("\\%03o", c));
            }
        }
        return b.append('"').toString();
    }

    private static Configuration createConfiguration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_33);
        cfg.setClassForTemplateLoading(CTemplates.class, "/dev/winelib/unixlib");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setNumberFormat("computer");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setBooleanFormat("c");
        return cfg;
    }
}
