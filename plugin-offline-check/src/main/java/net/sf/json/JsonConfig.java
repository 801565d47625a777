// Offline declaration (signatures only, bodies throw): jenkinsci/json-lib src/main/java/net/sf/json/JsonConfig.java
// at json-lib-2.4-jenkins-15. See plugin-offline-check/README.md.
package net.sf.json;

// Only named by StaplerResponse2's JSON configuration methods; no member is used.
public class JsonConfig {
    private JsonConfig() {
        throw new UnsupportedOperationException();
    }
}
