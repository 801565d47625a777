package io.zopesync.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML value read from a task file, with the line it stands on and its key path ({@code
 * environments.test.ssh.port}), so that every error can name the file, the line and the key.
 *
 * <p>A map entry's line is the line of its key; a list item's line is the line of the item. Scalars keep their
 * text and whether YAML read them as a string, a number or a boolean. Immutable once read.
 */
final class YamlNode {

    /** The shape of a value. */
    enum Kind {
        MAP, LIST, STRING, NUMBER, BOOLEAN, NULL
    }

    private final Path file;
    private final String key;
    private final int line;
    private final Kind kind;
    private final String text;
    private final Map<String, YamlNode> entries;
    private final List<YamlNode> items;

    private YamlNode(Path file, String key, int line, Kind kind, String text, Map<String, YamlNode> entries,
            List<YamlNode> items) {
        this.file = file;
        this.key = key;
        this.line = line;
        this.kind = kind;
        this.text = text;
        this.entries = entries;
        this.items = items;
    }

    /**
     * Reads one YAML document.
     *
     * @param file the file's name, for messages
     * @throws TaskFileException if the text is not YAML, is empty, holds more than one document, or repeats a key
     */
    static YamlNode read(Reader reader, Path file) {
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new TaskFileException(file, 1, "", "the task file is empty");
            }
            YamlNode root = readValue(parser, file, "", parser.currentTokenLocation().getLineNr());
            if (parser.nextToken() != null) {
                throw new TaskFileException(file, parser.currentTokenLocation().getLineNr(), "",
                        "the task file holds more than one YAML document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new TaskFileException(file, 0, "", "cannot read the task file: " + e.getMessage());
        }
    }

    /** One line: the YAML parser's problem, and the construct it was reading if it says so. */
    private static TaskFileException syntaxError(Path file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException) {
            MarkedYAMLException yaml = (MarkedYAMLException) e.getCause();
            Mark problem = yaml.getProblemMark();
            Mark context = yaml.getContextMark();
            String during = yaml.getContext() == null ? ""
                    : " (" + yaml.getContext() + (context == null ? "" : " from line " + (context.getLine() + 1))
                            + ")";
            return new TaskFileException(file, problem == null ? 0 : problem.getLine() + 1, "",
                    "not valid YAML: " + yaml.getProblem() + during);
        }
        JsonLocation where = e.getLocation();
        return new TaskFileException(file, where == null ? 0 : where.getLineNr(), "",
                "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }

    private static YamlNode readValue(JsonParser parser, Path file, String key, int line) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    String childKey = key.isEmpty() ? name : key + "." + name;
                    if (entries.containsKey(name)) {
                        throw new TaskFileException(file, keyLine, childKey, "the key is given twice (first on line "
                                + entries.get(name).line + ")");
                    }
                    parser.nextToken();
                    entries.put(name, readValue(parser, file, childKey, keyLine));
                }
                return new YamlNode(file, key, line, Kind.MAP, null, Collections.unmodifiableMap(entries), null);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, file, key + "[" + items.size() + "]",
                            parser.currentTokenLocation().getLineNr()));
                }
                return new YamlNode(file, key, line, Kind.LIST, null, null, List.copyOf(items));
            }
            case VALUE_STRING:
                return scalar(file, key, line, Kind.STRING, parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return scalar(file, key, line, Kind.NUMBER, parser.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return scalar(file, key, line, Kind.BOOLEAN, parser.getText());
            case VALUE_NULL:
                return scalar(file, key, line, Kind.NULL, null);
            default:
                throw new TaskFileException(file, line, key, "unexpected YAML content: " + token);
        }
    }

    private static YamlNode scalar(Path file, String key, int line, Kind kind, String text) {
        return new YamlNode(file, key, line, kind, text, null, null);
    }

    boolean isMap() {
        return kind == Kind.MAP;
    }

    /** A map's entries in file order. */
    Map<String, YamlNode> getEntries() {
        return entries == null ? Map.of() : entries;
    }

    /** A list's items. */
    List<YamlNode> getItems() {
        return items == null ? List.of() : items;
    }

    /** A map's entry, or {@code null}. */
    YamlNode get(String name) {
        return getEntries().get(name);
    }

    /** An error at this node: the file, the line and the key. */
    TaskFileException error(String message) {
        return new TaskFileException(file, line, key, message);
    }

    /** An error at this node, from a format and the args echoing the bad value. */
    TaskFileException error(String format, Object... args) {
        return error(String.format(format, args));
    }

    /** This node as a map. */
    YamlNode asMap() {
        if (kind != Kind.MAP) {
            throw error("must be a map of keys and values, not %s", describe());
        }
        return this;
    }

    /** This node as a list; a single scalar counts as a list of one. */
    List<YamlNode> asList() {
        if (kind == Kind.LIST) {
            return items;
        }
        if (kind == Kind.STRING) {
            return List.of(this);
        }
        throw error("must be a list, not %s", describe());
    }

    /** This node as a non-empty string. */
    String asString() {
        if (kind == Kind.NULL) {
            throw error("has no value");
        }
        if (kind == Kind.MAP || kind == Kind.LIST) {
            throw error("must be a single value, not %s", describe());
        }
        if (text.isBlank()) {
            throw error("must not be empty");
        }
        return text;
    }

    /** This node as an integer, written as a number or as a string of digits. */
    int asInt() {
        String value = asString().strip();
        if (kind == Kind.BOOLEAN || !value.matches("-?[0-9]{1,9}")) {
            throw error("must be a whole number: %s", value);
        }
        return Integer.parseInt(value);
    }

    /** This node as {@code true} or {@code false}. */
    boolean asBoolean() {
        if (kind != Kind.BOOLEAN) {
            throw error("must be true or false: %s", kind == Kind.NULL ? "no value" : text);
        }
        return Boolean.parseBoolean(text.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private String describe() {
        switch (kind) {
            case MAP:
                return "a map";
            case LIST:
                return "a list";
            case NULL:
                return "an empty value";
            default:
                // The whole file is one value: it may be a password file given by mistake, so it is not echoed.
                return key.isEmpty() ? "a single value of " + text.length() + " characters; is it a task file?"
                        : "'" + SafeText.shorten(text, SafeText.ECHO_LIMIT) + "'";
        }
    }
}
