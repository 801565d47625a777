package io.jenkins.plugins.zopesync.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.model.OnExisting;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every text the plugin's code asks for exists, parses as a pattern, and every text in the bundle is used. */
class MessagesTest {
    private static final Pattern USE = Pattern.compile("Texts\\.get\\(\"([A-Za-z0-9_.]+)\"");
    private static final String ON_EXISTING = "OnExisting.";

    @Test
    void shouldFindEveryKeyTheCodeUsesInTheBundle() {
        ResourceBundle bundle = bundle();
        Set<String> used = usedKeys();
        assertThat(used).hasSizeGreaterThan(40);
        for (String key : used) {
            assertThat(bundle.containsKey(key))
                    .as("Messages.properties lacks " + key)
                    .isTrue();
        }
    }

    @Test
    void shouldUseEveryKeyOfTheBundle() {
        Set<String> used = usedKeys();
        for (String key : bundle().keySet()) {
            assertThat(used).as("Messages.properties has an unused key " + key).contains(key);
        }
    }

    @Test
    void shouldParseEveryTextAsAMessageFormatPattern() {
        ResourceBundle bundle = bundle();
        for (String key : bundle.keySet()) {
            assertThat(new MessageFormat(bundle.getString(key), Locale.ROOT).toPattern())
                    .as(key)
                    .isNotNull();
        }
    }

    @Test
    void shouldFormatArgumentsAndKeepQuotes() {
        assertThat(Texts.get("Check.DuplicateName", "prod"))
                .isEqualTo("Environment name 'prod' is used twice; names must be unique.");
        assertThat(Texts.get("Check.BadPort", 70000)).endsWith(": 70000");
    }

    private static ResourceBundle bundle() {
        return ResourceBundle.getBundle(Texts.BUNDLE, Locale.ROOT);
    }

    private static Set<String> usedKeys() {
        Set<String> keys = new TreeSet<>();
        for (Path source : PluginFiles.find(PluginFiles.SOURCES, ".java")) {
            Matcher matcher = USE.matcher(PluginFiles.read(source));
            while (matcher.find()) {
                if (!matcher.group(1).endsWith(".")) {
                    keys.add(matcher.group(1));
                }
            }
            if (PluginFiles.read(source).contains("Texts.get(\"" + ON_EXISTING + "\" + ")) {
                for (OnExisting mode : OnExisting.values()) {
                    keys.add(ON_EXISTING + mode.getKeyword());
                }
            }
        }
        return keys;
    }
}
