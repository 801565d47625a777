// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/TopLevelItemDescriptor.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

public abstract class TopLevelItemDescriptor extends Descriptor<TopLevelItem> {
    protected TopLevelItemDescriptor() {
        throw new UnsupportedOperationException();
    }

    public abstract TopLevelItem newInstance(ItemGroup parent, String name);
}
