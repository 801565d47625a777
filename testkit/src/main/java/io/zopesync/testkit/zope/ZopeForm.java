package io.zopesync.testkit.zope;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of one request as ZPublisher before 5.8.2 reads them: from the query string, or from a form body
 * ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}) when a POST has one, never both.
 * Field names may carry converters: {@code :int}, {@code :long}, {@code :float}, {@code :string},
 * {@code :boolean}, {@code :list}, {@code :tuple}; a name sent twice without {@code :list} still becomes a list.
 */
final class ZopeForm {
    /** A file sent in a multipart body. */
    static final class Upload {
        private final String filename;
        private final byte[] data;

        Upload(String filename, byte[] data) {
            this.filename = filename;
            this.data = data.clone();
        }

        String getFilename() {
            return filename;
        }

        byte[] getData() {
            return data.clone();
        }
    }

    private static final class Field {
        private final String name;
        private final Object value;

        Field(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    private final List<Field> fields;

    private ZopeForm(List<Field> fields) {
        this.fields = fields;
    }

    static ZopeForm parse(String method, String rawQuery, String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean formBody = "POST".equals(method) && body.length > 0;
        if (formBody && type.startsWith("multipart/form-data")) {
            return new ZopeForm(multipart(contentType, body));
        }
        if (formBody && (type.startsWith("application/x-www-form-urlencoded") || type.isEmpty())) {
            return new ZopeForm(urlEncoded(new String(body, StandardCharsets.ISO_8859_1)));
        }
        if (formBody) {
            return new ZopeForm(new ArrayList<>());
        }
        return new ZopeForm(urlEncoded(rawQuery == null ? "" : rawQuery));
    }

    private static List<Field> urlEncoded(String text) {
        List<Field> fields = new ArrayList<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.add(new Field(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return fields;
    }

    private static List<Field> multipart(String contentType, byte[] body) {
        List<Field> fields = new ArrayList<>();
        String boundary = null;
        for (String part : contentType.split(";")) {
            String trimmed = part.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                boundary = trimmed.substring("boundary=".length()).replace("\"", "");
            }
        }
        if (boundary == null) {
            return fields;
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int partStart = start + delimiter.length;
            if (partStart + 2 <= body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
                break;
            }
            partStart += 2;
            int end = indexOf(body, delimiter, partStart);
            if (end < 0) {
                break;
            }
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), partStart);
            if (headerEnd < 0 || headerEnd > end) {
                break;
            }
            String headers = new String(body, partStart, headerEnd - partStart, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(body, headerEnd + 4, Math.max(headerEnd + 4, end - 2));
            String name = headerParameter(headers, "name");
            String filename = headerParameter(headers, "filename");
            if (name != null) {
                fields.add(new Field(name, filename == null
                        ? new String(content, StandardCharsets.UTF_8) : new Upload(filename, content)));
            }
            start = end;
        }
        return fields;
    }

    private static String headerParameter(String headers, String parameter) {
        for (String line : headers.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                continue;
            }
            for (String piece : line.split(";")) {
                String trimmed = piece.trim();
                if (trimmed.startsWith(parameter + "=")) {
                    String value = trimmed.substring(parameter.length() + 1);
                    return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                            ? value.substring(1, value.length() - 1) : value;
                }
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The arguments after conversion: {@link String}, {@link Long}, {@link Double}, {@link Boolean},
     * {@link Upload} or a {@link List} of them.
     *
     * @throws ZopeError a ValueError (500) when a value does not fit its converter
     */
    Map<String, Object> arguments() throws ZopeError {
        Map<String, Object> arguments = new LinkedHashMap<>();
        Map<String, Boolean> asList = new LinkedHashMap<>();
        for (Field field : fields) {
            String[] parts = field.name.split(":");
            String name = parts[0];
            Object value = field.value;
            boolean list = false;
            for (int i = 1; i < parts.length; i++) {
                switch (parts[i]) {
                    case "list":
                    case "tuple":
                        list = true;
                        break;
                    default:
                        value = convert(parts[i], value);
                        break;
                }
            }
            Object previous = arguments.get(name);
            if (list || previous != null) {
                List<Object> values = new ArrayList<>();
                if (previous instanceof List && Boolean.TRUE.equals(asList.get(name))) {
                    values.addAll((List<?>) previous);
                } else if (previous != null) {
                    values.add(previous);
                }
                values.add(value);
                arguments.put(name, values);
                asList.put(name, true);
            } else {
                arguments.put(name, value);
            }
        }
        return arguments;
    }

    private static Object convert(String converter, Object value) throws ZopeError {
        String text = value instanceof Upload ? new String(((Upload) value).getData(), StandardCharsets.UTF_8)
                : String.valueOf(value);
        try {
            switch (converter) {
                case "int":
                case "long":
                    if (text.trim().isEmpty()) {
                        throw ZopeError.internal("ValueError", "Empty entry when integer expected");
                    }
                    return Long.parseLong(text.trim());
                case "float":
                    return Double.parseDouble(text.trim());
                case "string":
                    return text;
                case "boolean":
                    return !text.isEmpty();
                default:
                    return value;
            }
        } catch (NumberFormatException e) {
            throw ZopeError.internal("ValueError", "A number was expected in the value '" + text + "'");
        }
    }

    /** The fields as sent, for the call log: uploads as their size, passwords masked. */
    Map<String, List<String>> forLog() {
        Map<String, List<String>> log = new LinkedHashMap<>();
        for (Field field : fields) {
            String shown = field.value instanceof Upload
                    ? "<" + ((Upload) field.value).data.length + " bytes>" : (String) field.value;
            if (field.name.toLowerCase(Locale.ROOT).contains("password")) {
                shown = "****";
            }
            log.computeIfAbsent(field.name, key -> new ArrayList<>()).add(shown);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        log.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return copy;
    }
}
