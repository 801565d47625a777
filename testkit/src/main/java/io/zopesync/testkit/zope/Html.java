package io.zopesync.testkit.zope;

/** HTML escaping as Python's {@code html.escape(text, quote=False)}. */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
