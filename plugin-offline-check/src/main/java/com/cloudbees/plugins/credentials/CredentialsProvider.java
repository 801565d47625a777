// Offline declaration (signatures only, bodies throw): jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java
// at d96751bc (HEAD of the stored mirror, 2026-04-22). See plugin-offline-check/README.md.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.ItemGroup;
import hudson.model.Run;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class CredentialsProvider {
    private CredentialsProvider() {
        throw new UnsupportedOperationException();
    }

    public static <C extends IdCredentials> C findCredentialByIdInItemGroup(String id, Class<C> type,
            ItemGroup<?> itemGroup, Authentication authentication, List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException();
    }
}
