package io.zopesync.core.kernel;

/**
 * The rules for one Zope id (one segment of an object path), as zope-sync accepts them.
 *
 * <p>Zope itself refuses ids that start with {@code _} or {@code aq_}, and {@code .}/{@code ..} would walk the
 * tree. zope-sync also refuses control characters, slashes and backslashes, and ids longer than
 * {@value #MAX_LENGTH} characters, so that a typo is caught before anything is contacted.
 */
public final class ZopeIds {
    /** The longest id accepted. */
    public static final int MAX_LENGTH = 255;

    private ZopeIds() {
    }

    /**
     * Checks one id.
     *
     * @param what what the id is, for the message (e.g. {@code "object path"})
     * @param whole the whole value the id came from, echoed in the message
     * @param id the id to check
     * @throws InvalidInputException if the id breaks a rule; the message names {@code whole} and the rule
     */
    public static void check(String what, String whole, String id) {
        String shown = printable(whole);
        if (id.isEmpty()) {
            throw InvalidInputException.of("%s has an empty segment: %s", what, shown);
        }
        if (id.equals(".") || id.equals("..")) {
            throw InvalidInputException.of("%s must not contain '%s': %s", what, id, shown);
        }
        if (id.startsWith("_")) {
            throw InvalidInputException.of("%s has an id starting with '_', which Zope refuses: %s", what, shown);
        }
        if (id.startsWith("aq_")) {
            throw InvalidInputException.of("%s has an id starting with 'aq_', which Zope refuses: %s", what, shown);
        }
        if (id.length() > MAX_LENGTH) {
            throw InvalidInputException.of("%s has an id longer than %d characters: %s", what, MAX_LENGTH,
                    shown.substring(0, Math.min(shown.length(), 80)) + "...");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw InvalidInputException.of("%s has a control character (U+%04X): %s", what, (int) c, shown);
            }
            if (c == '\\') {
                throw InvalidInputException.of("%s has a backslash: %s", what, shown);
            }
        }
        if (!id.strip().equals(id)) {
            throw InvalidInputException.of("%s has an id with leading or trailing white space: %s", what, shown);
        }
    }

    /** Makes control characters visible, so that a message echoing a bad value stays on one line. */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return "'" + out + "'";
    }
}
