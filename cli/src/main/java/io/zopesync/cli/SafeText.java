package io.zopesync.cli;

/**
 * Text from outside (task files, {@code .zexp} files, manifests, servers, exception messages) made fit for a
 * terminal: control characters (C0, DEL, C1), Unicode format characters (bidi overrides and isolates, zero-width
 * characters), line and paragraph separators and lone surrogates are shown as escapes ({@code \x1b},
 * {@code \\u202e}) instead of being sent raw, so that no file or server can move the cursor, clear the screen,
 * set the window title or reorder what a line shows.
 *
 * <pre>{@code
 * SafeText.escape("evil\\u001B[2J")       // "evil\x1b[2J"
 * SafeText.shorten("x".repeat(500), 80)   // the first 80 characters and "… (500 characters)"
 * }</pre>
 */
final class SafeText {
    /** How many characters of a value an error message echoes at most. */
    static final int ECHO_LIMIT = 120;

    private SafeText() {
    }

    /** {@code text} with every character a terminal would act on written as a visible escape. */
    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int codePoint = pair ? text.codePointAt(i) : c;
            if (isUnsafe(codePoint)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(codePoint < 0x100 ? String.format("\\x%02x", codePoint)
                        : String.format(codePoint > 0xFFFF ? "\\U%08x" : "\\u%04x", codePoint));
            } else if (out != null) {
                out.appendCodePoint(codePoint);
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A JSON or YAML document with every character {@link #escape} would rewrite written as {@code \\uXXXX}:
     * such a character can stand only inside a string there (JSON and double-quoted YAML), where {@code \\uXXXX}
     * means the same character, so the document reads back the same and paints nothing on a terminal.
     */
    static String escapeDocument(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (c != '\n' && isUnsafe(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether a terminal could act on this character instead of just showing it. */
    static boolean isUnsafe(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
                return true;
            default:
                return false;
        }
    }

    /** Whether {@code text} holds a character that {@link #escape} would rewrite. */
    static boolean hasUnsafe(String text) {
        return text.codePoints().anyMatch(SafeText::isUnsafe);
    }

    /**
     * {@code text} cut to at most {@code max} characters, saying how long it was: values are echoed in messages,
     * and a 60 MB value must not be.
     */
    static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "\u2026 (" + text.length() + " characters)";
    }

    /** {@link #shorten} to {@link #ECHO_LIMIT}, then {@link #escape}: a value to echo in a message. */
    static String echo(String text) {
        return escape(shorten(text, ECHO_LIMIT));
    }
}
