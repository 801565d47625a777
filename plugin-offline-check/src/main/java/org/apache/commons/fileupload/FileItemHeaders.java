// Offline declaration (signatures only, bodies throw): jenkinsci/stapler core/src/main/java/org/apache/commons/fileupload/FileItemHeaders.java
// at 2050.v425108fd5089. See plugin-offline-check/README.md.
package org.apache.commons.fileupload;

import java.util.Iterator;

// Named by FileItem; every abstract method as api-check requires.
public interface FileItemHeaders {
    String getHeader(String name);

    Iterator<String> getHeaders(String name);

    Iterator<String> getHeaderNames();
}
