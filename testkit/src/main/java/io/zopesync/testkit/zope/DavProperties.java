package io.zopesync.testkit.zope;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An object's WebDAV properties as Zope 5 lists them ({@code webdav.PropertySheets}): its default property sheet
 * ({@code http://www.zope.org/propsets/default}: the title and, for files and images, their own properties) and
 * the {@code DAV:} sheet, rendered with Zope's own layout (each sheet's namespace bound to the prefix {@code n}).
 */
final class DavProperties {
    /** Zope's {@code rfc1123_date}: always two digits for the day, always GMT. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    static final String DAV = "DAV:";
    static final String DEFAULT = "http://www.zope.org/propsets/default";
    /** Zope's {@code creationdate} is a constant: OFS objects don't record one. */
    private static final String CREATION_DATE = "1970-01-01T12:00:00Z";
    private static final String SUPPORTED_LOCK = "\n  <n:lockentry>\n  <d:lockscope><d:exclusive/></d:lockscope>\n"
            + "  <d:locktype><d:write/></d:locktype>\n  </n:lockentry>\n  ";

    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> dav = new LinkedHashMap<>();

    DavProperties(ZopeObject object, String physicalPath, boolean root) {
        String title = root && object.getTitle().isEmpty() ? "Zope" : object.getTitle();
        defaults.put("title", Html.escape(title));
        if (object.getType() == ZopeType.FILE || object.getType() == ZopeType.IMAGE) {
            if (object.getType() == ZopeType.IMAGE) {
                defaults.put("alt", "");
            }
            defaults.put("content_type", Html.escape(object.getContentType()));
            if (object.getType() == ZopeType.IMAGE) {
                defaults.put("height", Integer.toString(object.getHeight()));
                defaults.put("width", Integer.toString(object.getWidth()));
            }
        }
        String titleOrId = title.isEmpty() ? object.getId() : title;
        dav.put("creationdate", CREATION_DATE);
        dav.put("displayname", Html.escape(titleOrId));
        dav.put("resourcetype", object.isFolder() ? "<n:collection/>" : "");
        boolean document = object.getType() == ZopeType.DTML_DOCUMENT;
        dav.put("getcontenttype", object.isFolder() ? "" : document ? "text/html"
                : Html.escape(object.getContentType()));
        dav.put("getcontentlength", object.isFolder() ? "" : Long.toString(object.getContentLength()));
        String href = ZopeHttpHandler.quote(physicalPath);
        dav.put("source", document ? "\n  <n:link>\n  <n:src>" + href + "</n:src>\n  <n:dst>" + href
                + "/document_src</n:dst>\n  </n:link>\n  " : "");
        dav.put("supportedlock", SUPPORTED_LOCK);
        dav.put("lockdiscovery", "\n\n");
        // Zope's rfc1123_date of _p_mtime: the time the object's own record was last written, to the second.
        dav.put("getlastmodified", HTTP_DATE.format(Instant.ofEpochMilli(object.getModified())
                .atZone(ZoneOffset.UTC)));
    }

    /**
     * The properties a {@code PROPFIND} body asks for, as {@code {namespace, name}} pairs in its order, or
     * {@code null} for all of them (no body, {@code allprop}, {@code propname}, or a body that is not XML).
     */
    static List<String[]> requested(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            NodeList props = builder.parse(new ByteArrayInputStream(body)).getElementsByTagNameNS(DAV, "prop");
            if (props.getLength() == 0) {
                return null;
            }
            List<String[]> wanted = new ArrayList<>();
            for (Node child = props.item(0).getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element) {
                    String namespace = child.getNamespaceURI() == null ? "" : child.getNamespaceURI();
                    wanted.add(new String[] {namespace, child.getLocalName()});
                }
            }
            return wanted;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return null;
        }
    }

    /** Every property, one propstat per sheet. */
    void appendAll(StringBuilder xml) {
        appendSheet(xml, DEFAULT, defaults);
        appendSheet(xml, DAV, dav);
    }

    private static void appendSheet(StringBuilder xml, String namespace, Map<String, String> properties) {
        xml.append("<d:propstat xmlns:n=\"").append(namespace).append("\">\n  <d:prop>\n");
        properties.forEach((name, value) -> xml.append("  <n:").append(name).append('>').append(value)
                .append("</n:").append(name).append(">\n"));
        xml.append("  </d:prop>\n  <d:status>HTTP/1.1 200 OK</d:status>\n</d:propstat>\n");
    }

    /** The properties asked for: the known ones with their values, then the unknown ones in a 404 propstat. */
    void appendRequested(StringBuilder xml, List<String[]> wanted) {
        StringBuilder found = new StringBuilder();
        List<String> missing = new ArrayList<>();
        for (String[] property : wanted) {
            Map<String, String> sheet = DAV.equals(property[0]) ? dav : DEFAULT.equals(property[0]) ? defaults : null;
            String value = sheet == null ? null : sheet.get(property[1]);
            String open = "<n:" + property[1] + " xmlns:n=\"" + Html.escape(property[0]) + "\"";
            if (value == null) {
                missing.add(open + "/>");
            } else {
                found.append(open).append('>').append(value).append("</n:").append(property[1]).append(">\n");
            }
        }
        if (found.length() > 0) {
            xml.append("<d:propstat>\n  <d:prop>\n").append(found)
                    .append("  </d:prop>\n  <d:status>HTTP/1.1 200 OK</d:status>\n</d:propstat>\n");
        }
        if (!missing.isEmpty()) {
            xml.append("<d:propstat>\n  <d:prop>\n").append(String.join("\n", missing))
                    .append("  </d:prop>\n  <d:status>HTTP/1.1 404 Not Found</d:status>\n</d:propstat>\n");
        }
    }
}
