// Offline declaration (signatures only, bodies throw): jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java
// at d96751bc (HEAD of the stored mirror, 2026-04-22). See plugin-offline-check/README.md.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials> extends ListBoxModel {
    protected abstract String describe(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw new UnsupportedOperationException();
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication,
            ItemGroup context, Class<? extends C> type, List<DomainRequirement> domainRequirements,
            CredentialsMatcher matcher) {
        throw new UnsupportedOperationException();
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        throw new UnsupportedOperationException();
    }
}
