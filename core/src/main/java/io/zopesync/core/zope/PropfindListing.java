package io.zopesync.core.zope;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the ids of a folder's children from the WebDAV multistatus answer of {@code PROPFIND} with
 * {@code Depth: 1}.
 *
 * <p>Each {@code <D:response>} has a {@code <D:href>}: a path or a full URL, percent-encoded. The folder itself
 * is the entry with the shortest path; its children have exactly one segment more, whose decoded text is the
 * id. Comparing lengths rather than the whole path copes with a virtual host that rewrites the prefix. The
 * parser refuses a DOCTYPE, so external entities cannot be read.
 */
final class PropfindListing {
    private static final String DAV = "DAV:";
    private static final Pattern ABSOLUTE_URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/]*(.*)$");

    private PropfindListing() {
    }

    /** The answer is not a multistatus document with one entry for the folder. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @throws IOException if the body cannot be read
     * @throws FormatException if the body is not a multistatus document with one entry for the folder
     */
    static List<String> childIds(InputStream body) throws IOException, FormatException {
        Document document = parse(body);
        NodeList responses = document.getElementsByTagNameNS(DAV, "response");
        List<List<String>> paths = new ArrayList<>();
        for (int i = 0; i < responses.getLength(); i++) {
            NodeList hrefs = ((Element) responses.item(i)).getElementsByTagNameNS(DAV, "href");
            if (hrefs.getLength() > 0) {
                paths.add(segments(hrefs.item(0).getTextContent().strip()));
            }
        }
        int shortest = paths.stream().mapToInt(List::size).min()
                .orElseThrow(() -> new FormatException("the listing has no <D:href> entries", null));
        if (paths.stream().filter(path -> path.size() == shortest).count() != 1) {
            throw new FormatException("the listing has no single entry for the folder itself", null);
        }
        List<String> ids = new ArrayList<>();
        for (List<String> path : paths) {
            if (path.size() == shortest + 1) {
                ids.add(path.get(path.size() - 1));
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The tree of a {@code PROPFIND Depth: infinity} answer: every entry's path below the shortest one (the
     * top object), and its {@code resourcetype}, {@code getlastmodified}, {@code getcontentlength} and
     * {@code displayname}.
     *
     * @throws IOException if the body cannot be read
     * @throws FormatException if the body is not a multistatus document with one entry for the top object
     */
    static ObjectTree tree(InputStream body) throws IOException, FormatException {
        Document document = parse(body);
        NodeList responses = document.getElementsByTagNameNS(DAV, "response");
        List<List<String>> paths = new ArrayList<>();
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            NodeList hrefs = response.getElementsByTagNameNS(DAV, "href");
            if (hrefs.getLength() > 0) {
                paths.add(segments(hrefs.item(0).getTextContent().strip()));
                elements.add(response);
            }
        }
        int shortest = paths.stream().mapToInt(List::size).min()
                .orElseThrow(() -> new FormatException("the listing has no <D:href> entries", null));
        if (paths.stream().filter(path -> path.size() == shortest).count() != 1) {
            throw new FormatException("the listing has no single entry for the object itself", null);
        }
        List<ObjectTree.Entry> entries = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Element response = elements.get(i);
            entries.add(new ObjectTree.Entry(String.join("/", paths.get(i).subList(shortest, paths.get(i).size())),
                    response.getElementsByTagNameNS(DAV, "collection").getLength() > 0,
                    property(response, "getlastmodified"), property(response, "getcontentlength"),
                    property(response, "displayname")));
        }
        return new ObjectTree(entries);
    }

    private static String property(Element response, String name) {
        NodeList found = response.getElementsByTagNameNS(DAV, name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }

    /**
     * What the first {@code <D:response>} of a {@code Depth: 0} answer describes: a folder if its
     * {@code resourcetype} holds a {@code collection}, else an object with its {@code getcontenttype}.
     *
     * @throws IOException if the body cannot be read
     * @throws FormatException if the body is not a multistatus document with a response
     */
    static ZopeResource resource(InputStream body) throws IOException, FormatException {
        Document document = parse(body);
        NodeList responses = document.getElementsByTagNameNS(DAV, "response");
        if (responses.getLength() == 0) {
            throw new FormatException("the answer has no <D:response>", null);
        }
        Element response = (Element) responses.item(0);
        NodeList types = response.getElementsByTagNameNS(DAV, "resourcetype");
        if (types.getLength() > 0
                && ((Element) types.item(0)).getElementsByTagNameNS(DAV, "collection").getLength() > 0) {
            return ZopeResource.folder();
        }
        NodeList contentTypes = response.getElementsByTagNameNS(DAV, "getcontenttype");
        return ZopeResource.object(contentTypes.getLength() > 0 ? contentTypes.item(0).getTextContent() : "");
    }

    private static Document parse(InputStream body) throws IOException, FormatException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler would print parse errors to stderr; the exception carries them anyway.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new InputSource(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        } catch (SAXException e) {
            throw new FormatException("the listing is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static List<String> segments(String href) throws FormatException {
        Matcher url = ABSOLUTE_URL.matcher(href);
        String path = url.matches() ? url.group(1) : href;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw, href));
            }
        }
        return segments;
    }

    private static String decode(String segment, String href) throws FormatException {
        try {
            // In a path '+' is a plus sign, not a space: keep it from URLDecoder.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new FormatException("the listing has a badly encoded href: " + href, e);
        }
    }
}
