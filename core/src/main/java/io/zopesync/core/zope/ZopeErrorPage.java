package io.zopesync.core.zope;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Zope's own words out of an error answer: the HTML "Site Error" page of Zope 4 and later, the
 * {@code standard_error_message} of Zope 2.13 ({@code Error Value: …}), a {@code MessageDialog} page, or the
 * bare text/plain body that waitress sends for an unhandled exception.
 *
 * <p>{@code ZopeErrorPage.messageOf(html)} gives e.g. {@code The id "sub" is invalid - it is already in use.};
 * {@link #isErrorPage(String)} tells an error page from a normal {@code manage_main} page, because Zope 2.13
 * answers some failed calls with status 200 and an error page.
 */
final class ZopeErrorPage {
    /** Long enough for any error page; a longer message is cut there. */
    static final int MAX_MESSAGE = 500;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern ERROR_VALUE =
            Pattern.compile("Error\\s+Value:\\s*(.*?)\\s*(?:</strong>|<br|</p>|</td>|-->|\\n\\s*\\n)", FLAGS);
    private static final Pattern ERROR_TYPE =
            Pattern.compile("Error\\s+Type:\\s*(.*?)\\s*(?:</strong>|<br|</p>|</td>|-->|\\n)", FLAGS);
    /** The Site Error page: an optional {@code <p><strong>title</strong></p>}, then the detail up to a rule. */
    private static final Pattern SITE_ERROR_DETAIL = Pattern.compile("publishing this resource\\.\\s*(?:</p>)?\\s*"
            + "(?:<p>\\s*<strong>(.*?)</strong>\\s*</p>)?(.*?)(?:<hr|Troubleshooting Suggestions|</body>|$)", FLAGS);
    /** An exception class name worth showing before the message, e.g. {@code ExportError}. */
    private static final Pattern EXCEPTION_NAME = Pattern.compile("[A-Za-z_][\\w.]*(?:Error|Exception)");
    private static final Set<String> PLAIN_ERRORS = Set.of("InternalError",
            "ResourceLockedError");
    private static final Pattern SITE_ERROR = Pattern.compile("<h[1-3][^>]*>\\s*Site Error\\s*</h[1-3]>", FLAGS);
    private static final Pattern DIALOG_MARK = Pattern.compile("<font[^>]*>\\s*!\\s*</font>", FLAGS);
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", FLAGS);
    private static final Pattern INVISIBLE =
            Pattern.compile("<(script|style|head)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->", FLAGS);
    /** Tags inside a line of text: dropped without a space, so that {@code <em>file</em>,} reads "file,". */
    private static final Pattern INLINE_TAG =
            Pattern.compile("</?(?:em|b|strong|i|code|tt|span|a)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final String SORRY = "Sorry, a site error occurred.";

    private ZopeErrorPage() {
    }

    /** Whether a page is one of Zope's error pages (as opposed to a {@code manage_main} page). */
    static boolean isErrorPage(String body) {
        return SITE_ERROR.matcher(body).find() || DIALOG_MARK.matcher(body).find()
                || ERROR_VALUE.matcher(body).find();
    }

    /**
     * Whether the body is waitress' bare "Internal Server Error" (or empty): Zope gave no reason, which is only in
     * its event log.
     */
    static boolean isBare(String body) {
        String text = toText(body);
        return text.isEmpty() || text.toLowerCase(Locale.ROOT).startsWith("internal server error");
    }

    /** Zope's message in an error page or body, as plain text on one line; empty if there is none. */
    static String messageOf(String body) {
        Matcher value = ERROR_VALUE.matcher(body);
        if (value.find()) {
            String text = toText(value.group(1));
            if (!text.isEmpty()) {
                Matcher type = ERROR_TYPE.matcher(body);
                return cut(withType(type.find() ? toText(type.group(1)) : "", text));
            }
        }
        Matcher site = SITE_ERROR_DETAIL.matcher(body);
        if (site.find()) {
            String title = site.group(1) == null ? "" : toText(site.group(1));
            String detail = toText(site.group(2));
            if (detail.startsWith(SORRY)) {
                detail = detail.substring(SORRY.length()).strip();
            }
            if (!detail.isEmpty()) {
                return cut(withType(title, detail));
            }
            if (!title.isEmpty() && !title.equals(SORRY)) {
                return cut(title);
            }
        }
        Matcher dialog = DIALOG_MARK.matcher(body);
        if (dialog.find()) {
            String message = toText(body.substring(dialog.end()));
            Matcher title = TITLE.matcher(body);
            String heading = title.find() ? toText(title.group(1)) : "";
            return cut(heading.isEmpty() || message.startsWith(heading) ? message : heading + ": " + message);
        }
        return cut(toText(body));
    }

    /** Puts an exception's class name before its message when it says more than Zope's HTTP error names. */
    private static String withType(String type, String message) {
        return EXCEPTION_NAME.matcher(type).matches() && !PLAIN_ERRORS.contains(type) ? type + ": " + message
                : message;
    }

    /** The visible text of an HTML page or fragment: tags dropped, entities decoded, white space collapsed. */
    static String toText(String html) {
        String visible = INVISIBLE.matcher(html).replaceAll(" ");
        String text = TAG.matcher(INLINE_TAG.matcher(visible).replaceAll("")).replaceAll(" ");
        return SPACE.matcher(decodeEntities(text)).replaceAll(" ").strip();
    }

    private static String decodeEntities(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (entity.find()) {
            entity.appendReplacement(out, Matcher.quoteReplacement(decodeEntity(entity.group(1), entity.group())));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static String decodeEntity(String name, String whole) {
        if (name.startsWith("#")) {
            try {
                boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
                int code = hex ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : whole;
            } catch (NumberFormatException e) {
                return whole;
            }
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            case "nbsp":
                return " ";
            default:
                return whole;
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
