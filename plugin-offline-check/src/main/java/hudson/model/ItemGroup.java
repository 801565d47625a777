// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/model/ItemGroup.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson.model;

import java.io.File;
import java.io.IOException;
import java.util.Collection;

public interface ItemGroup<T extends Item> {
    Collection<T> getItems();

    String getUrl();

    String getUrlChildPrefix();

    T getItem(String name);

    File getRootDirFor(T child);

    void onDeleted(T item) throws IOException;
}
