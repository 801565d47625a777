// Offline declaration (signatures only, bodies throw): jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java
// at json-lib-2.4-jenkins-15. See plugin-offline-check/README.md.
package net.sf.json;

// The submitted form of a configuration page; upstream it is also a Map<String, Object>, which the plugin does not
// need here.
public final class JSONObject {
    public Object opt(String key) {
        throw new UnsupportedOperationException();
    }
}
