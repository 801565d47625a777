// Offline declaration (signatures only, bodies throw): jenkinsci/stapler core/src/main/java/org/apache/commons/fileupload/FileItem.java
// at 2050.v425108fd5089. See plugin-offline-check/README.md.
package org.apache.commons.fileupload;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;

// Stapler's copy of the commons-fileupload 1 interface, named by the deprecated StaplerRequest2.getFileItem;
// every abstract method as api-check requires.
public interface FileItem {
    InputStream getInputStream() throws IOException;

    String getContentType();

    String getName();

    boolean isInMemory();

    long getSize();

    byte[] get();

    String getString(String encoding) throws UnsupportedEncodingException;

    String getString();

    void write(File file) throws Exception;

    void delete();

    String getFieldName();

    void setFieldName(String name);

    boolean isFormField();

    void setFormField(boolean state);

    OutputStream getOutputStream() throws IOException;

    FileItemHeaders getHeaders();

    void setHeaders(FileItemHeaders headers);
}
