// Offline declaration (signatures only, bodies throw): jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/domains/URIRequirementBuilder.java
// at d96751bc (HEAD of the stored mirror, 2026-04-22). See plugin-offline-check/README.md.
package com.cloudbees.plugins.credentials.domains;

import java.util.List;

public class URIRequirementBuilder {
    private URIRequirementBuilder() {
        throw new UnsupportedOperationException();
    }

    public static URIRequirementBuilder fromUri(String uri) {
        throw new UnsupportedOperationException();
    }

    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException();
    }
}
