package io.castiel.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;

/**
 * Says what is wrong with a JSON body in the client's terms: the parser's own first line, with
 * Java type names turned into JSON ones and the internal reference chain left out.
 */
public final class JsonProblems {

    private static final Pattern QUOTED_TYPE = Pattern.compile("`([^`]*)`");

    private JsonProblems() {
    }

    public static String describe(Throwable error) {
        Throwable cause = error;
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        String message = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : null;
        if (message == null || message.isBlank()) {
            return "The body is not valid JSON";
        }
        String first = message.lines().findFirst().orElse("");
        int chain = first.indexOf(" (through reference chain");
        if (chain >= 0) {
            first = first.substring(0, chain);
        }
        Matcher types = QUOTED_TYPE.matcher(first);
        StringBuilder out = new StringBuilder();
        while (types.find()) {
            types.appendReplacement(out, Matcher.quoteReplacement(jsonType(types.group(1))));
        }
        types.appendTail(out);
        String text = out.toString().replaceAll("\\(class [^)]*\\)", "").replaceAll("\\b(java|tools|io|org)\\.[\\w.$<>]+", "value").trim();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static String jsonType(String javaType) {
        String type = javaType.replaceAll("<.*", "");
        if (type.endsWith("String")) {
            return "string";
        }
        if (type.endsWith("List") || type.endsWith("[]") || type.endsWith("Set") || type.endsWith("ArrayNode")) {
            return "array";
        }
        if (type.endsWith("Integer") || type.equals("int") || type.endsWith("Long") || type.equals("long")) {
            return "integer";
        }
        if (type.endsWith("Boolean") || type.equals("boolean")) {
            return "boolean";
        }
        if (type.endsWith("Double") || type.endsWith("BigDecimal") || type.equals("double")) {
            return "number";
        }
        if (type.endsWith("UUID")) {
            return "UUID string";
        }
        if (type.contains(".")) {
            return "object";
        }
        return "`" + javaType + "`";
    }
}
