package io.jenkins.plugins.zopesync;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.zopesync.model.Check;
import jenkins.model.Jenkins;

/** The descriptors' shared glue: permission checks and turning a {@link Check} into a form message. */
final class FormChecks {
    private FormChecks() {
    }

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
     * Whether the current user may configure the job whose form is shown, or, outside a job (the global page),
     * administer Jenkins. Form checks answer nothing to anyone else.
     */
    static boolean canConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
