// Offline declaration (signatures only, bodies throw): jenkinsci/jenkins core/src/main/java/hudson/ExtensionList.java
// at jenkins-2.541.3. See plugin-offline-check/README.md.
package hudson;

import java.util.AbstractList;

public class ExtensionList<T> extends AbstractList<T> {
    private ExtensionList() {
        throw new UnsupportedOperationException();
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException();
    }
}
