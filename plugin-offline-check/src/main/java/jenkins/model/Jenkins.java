// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package jenkins.model;

import hudson.model.FingerprintMap;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import java.io.IOException;
import java.util.List;

public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {
    public static final Permission ADMINISTER = null;

    private Jenkins() {
        throw new UnsupportedOperationException();
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    public FingerprintMap getFingerprintMap() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<TopLevelItem> getItems() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrl() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlChildPrefix() {
        throw new UnsupportedOperationException();
    }

    @Override
    public TopLevelItem getItem(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public File getRootDirFor(TopLevelItem child) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onDeleted(TopLevelItem item) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }
}
