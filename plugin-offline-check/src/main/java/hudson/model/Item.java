// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/Item.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.IOException;
import java.util.Collection;

public interface Item extends AccessControlled {
    Permission CONFIGURE = null;

    ItemGroup<? extends Item> getParent();

    Collection<? extends Job> getAllJobs();

    String getName();

    String getFullName();

    String getDisplayName();

    String getUrl();

    String getShortUrl();

    void onCopiedFrom(Item src);

    void onLoad(ItemGroup<? extends Item> parent, String name) throws IOException;

    void save() throws IOException;

    void delete() throws IOException, InterruptedException;
}
