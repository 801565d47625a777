package io.zopesync.cli;

import io.zopesync.core.kernel.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads top-level assignments of Python literals from a Python file, without running Python: zupdate.py's
 * {@code LZOPE = ('localhost:8080', ('adm', 'secret'), '/ZOPE')}.
 *
 * <p>A small tokenizer and a recursive-descent parser for strings (single, double and triple quotes, with
 * prefixes and escapes; adjacent strings are joined), whole numbers, names, tuples and lists, with comments and
 * line continuations (inside brackets, or after a backslash). Every other statement of the file is skipped, so
 * a whole zupdate.py script can be read for its task description.
 *
 * <pre>{@code
 * Map<String, PythonLiterals.Value> values = PythonLiterals.read(text, file, Set.of("LZOPE", "RZOPE", "OBJS"));
 * }</pre>
 */
final class PythonLiterals {
    /** How deep tuples and lists may nest: zupdate.py needs three levels; the parser recurses once per level. */
    static final int MAX_DEPTH = 32;

    /** A literal's kind. */
    enum Kind {
        STRING, NUMBER, NAME, TUPLE, LIST
    }

    /**
     * A literal with the line and column it starts at.
     *
     * @param text a string's value, a number's or a name's text; {@code null} for tuples and lists
     * @param items a tuple's or list's items; empty otherwise
     */
    record Value(Kind kind, String text, List<Value> items, int line, int column) {
        Value {
            items = List.copyOf(items);
        }

        boolean isString() {
            return kind == Kind.STRING;
        }

        /** Whether this is a tuple or a list. */
        boolean isSequence() {
            return kind == Kind.TUPLE || kind == Kind.LIST;
        }

        String describe() {
            switch (kind) {
                case STRING:
                    return "the string '" + SafeText.shorten(text, SafeText.ECHO_LIMIT) + "'";
                case TUPLE:
                    return "a tuple of " + items.size();
                case LIST:
                    return "a list of " + items.size();
                default:
                    return "'" + SafeText.shorten(text, SafeText.ECHO_LIMIT) + "'";
            }
        }
    }

    private enum TokenType {
        NAME, STRING, NUMBER, OP, NEWLINE, END
    }

    private record Token(TokenType type, String text, int line, int column) {
        boolean is(String op) {
            return type == TokenType.OP && text.equals(op);
        }

        String describe() {
            switch (type) {
                case NEWLINE:
                    return "the end of the line";
                case END:
                    return "the end of the file";
                case STRING:
                    return "a string";
                default:
                    return "'" + text + "'";
            }
        }
    }

    private final Path file;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    private PythonLiterals(Path file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    /**
     * Reads the last top-level assignment of each of {@code names}.
     *
     * @param file the file's name, for messages
     * @return the values by name, in file order; a name that is never assigned is absent
     * @throws InvalidInputException naming the file, line and column, for an unterminated string or bracket or
     *     an assignment to one of {@code names} that is not a literal
     */
    static Map<String, Value> read(String text, Path file, Set<String> names) {
        PythonLiterals parser = new PythonLiterals(file, new Tokenizer(text, file).tokenize());
        return parser.assignments(names);
    }

    private Map<String, Value> assignments(Set<String> names) {
        Map<String, Value> result = new LinkedHashMap<>();
        while (peek().type() != TokenType.END) {
            Token first = next();
            if (first.type() == TokenType.NAME && first.column() == 1 && names.contains(first.text())
                    && peek().is("=") && !tokens.get(pos + 1).is("=")) {
                next();
                Value value = expressionList();
                Token end = next();
                if (end.type() != TokenType.NEWLINE && end.type() != TokenType.END) {
                    throw error(end, "expected the end of the " + first.text() + " assignment, found "
                            + end.describe());
                }
                result.remove(first.text());
                result.put(first.text(), value);
            } else {
                skipLine(first);
            }
        }
        return result;
    }

    private void skipLine(Token first) {
        Token token = first;
        while (token.type() != TokenType.NEWLINE && token.type() != TokenType.END) {
            token = next();
        }
    }

    /** {@code a, b, c} without brackets is a tuple, as in Python. */
    private Value expressionList() {
        Token start = peek();
        Value first = expression();
        if (!peek().is(",")) {
            return first;
        }
        List<Value> items = new ArrayList<>();
        items.add(first);
        while (peek().is(",")) {
            next();
            if (peek().type() == TokenType.NEWLINE || peek().type() == TokenType.END) {
                break;
            }
            items.add(expression());
        }
        return new Value(Kind.TUPLE, null, items, start.line(), start.column());
    }

    private Value expression() {
        Token token = next();
        switch (token.type()) {
            case STRING: {
                StringBuilder joined = new StringBuilder(token.text());
                while (peek().type() == TokenType.STRING) {
                    joined.append(next().text());
                }
                return new Value(Kind.STRING, joined.toString(), List.of(), token.line(), token.column());
            }
            case NUMBER:
                return new Value(Kind.NUMBER, token.text(), List.of(), token.line(), token.column());
            case NAME:
                return new Value(Kind.NAME, token.text(), List.of(), token.line(), token.column());
            case OP:
                if (token.is("(")) {
                    return sequence(token, ")", Kind.TUPLE);
                }
                if (token.is("[")) {
                    return sequence(token, "]", Kind.LIST);
                }
                if (token.is("-") && peek().type() == TokenType.NUMBER) {
                    return new Value(Kind.NUMBER, "-" + next().text(), List.of(), token.line(), token.column());
                }
                throw error(token, "expected a string, a number, a tuple or a list, found " + token.describe());
            default:
                throw error(token, "expected a string, a number, a tuple or a list, found " + token.describe());
        }
    }

    /** A tuple or list after its opening bracket; {@code (x)} without a comma is just {@code x}. */
    private Value sequence(Token open, String close, Kind kind) {
        if (++depth > MAX_DEPTH) {
            throw error(open, "tuples and lists are nested deeper than " + MAX_DEPTH + " levels here");
        }
        List<Value> items = new ArrayList<>();
        boolean comma = false;
        while (!peek().is(close)) {
            items.add(expression());
            Token after = peek();
            if (after.is(",")) {
                next();
                comma = true;
            } else if (!after.is(close)) {
                throw error(after, "expected ',' or '" + close + "', found " + after.describe());
            }
        }
        next();
        depth--;
        if (kind == Kind.TUPLE && items.size() == 1 && !comma) {
            return items.get(0);
        }
        return new Value(kind, null, items, open.line(), open.column());
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token token = tokens.get(pos);
        if (token.type() != TokenType.END) {
            pos++;
        }
        return token;
    }

    private InvalidInputException error(Token token, String message) {
        return error(file, token.line(), token.column(), message);
    }

    static InvalidInputException error(Path file, int line, int column, String message) {
        return new InvalidInputException(file + ":" + line + ":" + column + ": " + message);
    }

    /** Splits Python source into the tokens the parser needs; newlines count only outside brackets. */
    private static final class Tokenizer {
        private final String text;
        private final Path file;
        private final List<Token> tokens = new ArrayList<>();
        private final List<Token> open = new ArrayList<>();
        private int pos;
        private int line = 1;
        private int lineStart;

        Tokenizer(String text, Path file) {
            this.text = text;
            this.file = file;
        }

        List<Token> tokenize() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    newline();
                } else if (c == '\\' && pos + 1 < text.length() && (text.charAt(pos + 1) == '\n'
                        || text.startsWith("\r\n", pos + 1))) {
                    pos += text.charAt(pos + 1) == '\r' ? 2 : 1;
                    line++;
                    pos++;
                    lineStart = pos;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (isStringStart()) {
                    string();
                } else if (Character.isLetter(c) || c == '_') {
                    int start = pos;
                    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                            || text.charAt(pos) == '_')) {
                        pos++;
                    }
                    add(TokenType.NAME, text.substring(start, pos), start);
                } else if (Character.isDigit(c)) {
                    int start = pos;
                    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                            || text.charAt(pos) == '.' || text.charAt(pos) == '_')) {
                        pos++;
                    }
                    add(TokenType.NUMBER, text.substring(start, pos), start);
                } else {
                    bracket(c);
                    add(TokenType.OP, String.valueOf(c), pos);
                    pos++;
                }
            }
            if (!open.isEmpty()) {
                Token bracket = open.get(open.size() - 1);
                throw error(file, bracket.line(), bracket.column(), "'" + bracket.text() + "' is never closed");
            }
            addNewline();
            tokens.add(new Token(TokenType.END, "", line, pos - lineStart + 1));
            return tokens;
        }

        private void newline() {
            if (open.isEmpty()) {
                addNewline();
            }
            pos++;
            line++;
            lineStart = pos;
        }

        private void addNewline() {
            if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).type() != TokenType.NEWLINE) {
                tokens.add(new Token(TokenType.NEWLINE, "", line, pos - lineStart + 1));
            }
        }

        private void bracket(char c) {
            if (c == '(' || c == '[' || c == '{') {
                open.add(new Token(TokenType.OP, String.valueOf(c), line, pos - lineStart + 1));
            } else if (c == ')' || c == ']' || c == '}') {
                if (open.isEmpty()) {
                    throw error(file, line, pos - lineStart + 1, "'" + c + "' closes nothing");
                }
                String opening = open.remove(open.size() - 1).text();
                if ("([{".indexOf(opening.charAt(0)) != ")]}".indexOf(c)) {
                    throw error(file, line, pos - lineStart + 1, "'" + c + "' does not close '" + opening + "'");
                }
            }
        }

        private void add(TokenType type, String value, int start) {
            tokens.add(new Token(type, value, line, start - lineStart + 1));
        }

        /** A quote, or up to two prefix letters ({@code r}, {@code b}, {@code u}, {@code f}) and a quote. */
        private boolean isStringStart() {
            int i = pos;
            while (i < text.length() && i - pos < 2 && "rRbBuUfF".indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            return i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"');
        }

        private void string() {
            int start = pos;
            int startLine = line;
            boolean raw = false;
            while (text.charAt(pos) != '\'' && text.charAt(pos) != '"') {
                raw |= Character.toLowerCase(text.charAt(pos)) == 'r';
                pos++;
            }
            char quote = text.charAt(pos);
            String delimiter = text.startsWith(String.valueOf(quote).repeat(3), pos)
                    ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
            pos += delimiter.length();
            int column = start - lineStart + 1;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= text.length() || delimiter.length() == 1 && text.charAt(pos) == '\n') {
                    throw error(file, startLine, column, "the string is never closed");
                }
                if (text.startsWith(delimiter, pos)) {
                    pos += delimiter.length();
                    break;
                }
                char c = text.charAt(pos);
                if (c == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
                if (c == '\\' && pos + 1 < text.length()) {
                    pos = escape(value, raw);
                } else {
                    value.append(c);
                    pos++;
                }
            }
            tokens.add(new Token(TokenType.STRING, value.toString(), startLine, column));
        }

        /** Appends the escape at {@code pos} and returns the position after it. */
        private int escape(StringBuilder value, boolean raw) {
            char next = text.charAt(pos + 1);
            if (raw) {
                value.append('\\').append(next);
                return pos + 2;
            }
            switch (next) {
                case 'n':
                    value.append('\n');
                    return pos + 2;
                case 't':
                    value.append('\t');
                    return pos + 2;
                case 'r':
                    value.append('\r');
                    return pos + 2;
                case '0':
                    value.append('\0');
                    return pos + 2;
                case '\n':
                    line++;
                    lineStart = pos + 2;
                    return pos + 2;
                case 'x':
                    return hex(value, 2);
                case 'u':
                    return hex(value, 4);
                case '\\':
                case '\'':
                case '"':
                    value.append(next);
                    return pos + 2;
                default:
                    value.append('\\').append(next);
                    return pos + 2;
            }
        }

        private int hex(StringBuilder value, int digits) {
            int end = pos + 2 + digits;
            if (end > text.length() || !text.substring(pos + 2, end).matches("[0-9A-Fa-f]+")) {
                throw error(file, line, pos - lineStart + 1, "bad escape in a string");
            }
            value.append((char) Integer.parseInt(text.substring(pos + 2, end), 16));
            return end;
        }
    }
}
