package io.jenkins.plugins.zopesync;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.zopesync.model.ConfigChecks;
import io.jenkins.plugins.zopesync.model.SyncStepRequest;
import io.jenkins.plugins.zopesync.model.Texts;
import io.zopesync.core.model.OnExisting;
import java.util.List;

/**
 * The checks both job forms share (the freestyle build step's and the Pipeline step's, in the snippet generator);
 * each descriptor's {@code doCheck*} method calls one of these. Only users who may configure the job get an answer.
 */
final class JobFormChecks {
    private JobFormChecks() {}

    static FormValidation source(Item item, String value, String bundle) {
        if (!FormChecks.canConfigure(item)) {
            return FormValidation.ok();
        }
        if ((value == null || value.isBlank()) && (bundle == null || bundle.isBlank())) {
            return FormValidation.error(Texts.get("Request.NoSource"));
        }
        return FormChecks.toForm(
                ConfigChecks.configuredNames(value, ZopeSyncConfiguration.get().getEnvironmentNames()));
    }

    static FormValidation targets(Item item, String value, String bundle) {
        if (!FormChecks.canConfigure(item)) {
            return FormValidation.ok();
        }
        if (SyncStepRequest.splitNames(value).isEmpty()) {
            return bundle == null || bundle.isBlank()
                    ? FormValidation.ok(Texts.get("Request.ExportOnly"))
                    : FormValidation.error(Texts.get("Request.NoTargets"));
        }
        return FormChecks.toForm(
                ConfigChecks.configuredNames(value, ZopeSyncConfiguration.get().getEnvironmentNames()));
    }

    static FormValidation bundle(Item item, String value, String source) {
        if (!FormChecks.canConfigure(item) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        if (source != null && !source.isBlank()) {
            return FormValidation.error(Texts.get("Request.BundleWithSource"));
        }
        return FormChecks.toForm(ConfigChecks.bundle(value));
    }

    static FormValidation parallel(Item item, int value) {
        return FormChecks.canConfigure(item) ? FormChecks.toForm(ConfigChecks.parallel(value)) : FormValidation.ok();
    }

    static FormValidation onExisting(Item item, String value) {
        return FormChecks.canConfigure(item) ? FormChecks.toForm(ConfigChecks.onExisting(value)) : FormValidation.ok();
    }

    /** The choices for existing objects; a fixed list, so there is nothing to protect. */
    static ListBoxModel onExistingItems() {
        ListBoxModel items = new ListBoxModel();
        for (OnExisting mode : OnExisting.values()) {
            items.add(Texts.get("OnExisting." + mode.getKeyword()), mode.getKeyword());
        }
        return items;
    }

    /** Joins target names for the form's single text field. */
    static String join(List<String> targets) {
        return targets == null ? "" : String.join(", ", targets);
    }
}
