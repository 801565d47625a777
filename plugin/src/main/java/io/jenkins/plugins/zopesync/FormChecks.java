package io.jenkins.plugins.zopesync;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.zopesync.model.Check;
import io.jenkins.plugins.zopesync.model.ConfigChecks;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/** The descriptors' shared glue: permission checks and turning a {@link Check} into a form message. */
final class FormChecks {
    private FormChecks() {}

    /** The form's message for a check; the text is escaped by {@link FormValidation}. */
    static FormValidation toForm(Check check) {
        switch (check.getKind()) {
            case ERROR:
                return FormValidation.error(check.getMessage());
            case WARNING:
                return FormValidation.warning(check.getMessage());
            default:
                return check.getMessage() == null ? FormValidation.ok() : FormValidation.ok(check.getMessage());
        }
    }

    /**
     * A check of the global configuration's form: only administrators get an answer (the check does not even run
     * for anyone else).
     */
    static FormValidation forAdministrators(Supplier<Check> check) {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER) ? toForm(check.get()) : FormValidation.ok();
    }

    /** Whether a credential of the type with this id exists, for administrators only. */
    static FormValidation credentialsId(String id, Class<? extends StandardCredentials> type) {
        return forAdministrators(() -> ConfigChecks.credentialsId(
                id, candidate -> CredentialsResolver.global().exists(candidate, type)));
    }

    /**
     * The credentials of a type that an administrator may pick, those matching the URI first; anyone else sees only
     * the current value, never the ids that exist.
     *
     * @param uri what the credentials are for (e.g. {@code https://www.example.org}), or {@code null}
     */
    static ListBoxModel credentialsItems(Class<? extends StandardCredentials> type, String uri, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2,
                        Jenkins.get(),
                        type,
                        URIRequirementBuilder.fromUri(uri).build(),
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /**
     * Whether the current user may configure the job whose form is shown, or, outside a job (the global page),
     * administer Jenkins. Form checks answer nothing to anyone else.
     */
    static boolean canConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
