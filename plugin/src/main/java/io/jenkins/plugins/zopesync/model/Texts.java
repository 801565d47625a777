package io.jenkins.plugins.zopesync.model;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The plugin's user-facing texts, read from {@code io/jenkins/plugins/zopesync/Messages.properties}.
 *
 * <p>{@code Texts.get("Check.DuplicateName", "prod")} formats the key's pattern with
 * {@link MessageFormat}. The plugin reads its texts through this class, not yet through the {@code Messages} class
 * that Jenkins' localizer generates (a choice from when the plugin's sources were also compiled without Jenkins).
 */
public final class Texts {
    /** The resource bundle's base name. */
    public static final String BUNDLE = "io.jenkins.plugins.zopesync.Messages";

    private Texts() {}

    /**
     * The text of a key in the JVM's default locale, formatted with the arguments.
     *
     * @throws MissingResourceException if the key does not exist (a test checks every key the code uses)
     */
    public static String get(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Texts.class.getClassLoader());
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
