package io.zopesync.testkit.zope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request the double received, for assertions on what a client did.
 *
 * <pre>{@code
 * assertThat(zope.calls()).extracting(ZopeCall::getName).doesNotContain("GET");
 * }</pre>
 *
 * Credentials are never recorded; a parameter whose name contains {@code password} is masked.
 */
public final class ZopeCall {
    private final String httpMethod;
    private final String name;
    private final String path;
    private final Map<String, List<String>> parameters;
    private final int status;

    ZopeCall(String httpMethod, String name, String path, Map<String, List<String>> parameters, int status) {
        this.httpMethod = httpMethod;
        this.name = name;
        this.path = path;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.status = status;
    }

    /** The HTTP method: {@code GET}, {@code POST}, {@code PROPFIND}, ... */
    public String getHttpMethod() {
        return httpMethod;
    }

    /**
     * The Zope call: {@code manage_importObject}, {@code manage_addFolder}, ... for method calls, the HTTP method
     * ({@code GET}, {@code HEAD}, {@code PROPFIND}) for plain object requests.
     */
    public String getName() {
        return name;
    }

    /** The decoded path the call was made on, without the method name, e.g. {@code /src/sub}. */
    public String getPath() {
        return path;
    }

    /** The parameters as sent, names with their converters ({@code ids:list}); uploads as {@code <n bytes>}. */
    public Map<String, List<String>> getParameters() {
        return parameters;
    }

    /** The first value of a parameter, looked up by its name with or without converters; {@code null} if absent. */
    public String getParameter(String parameterName) {
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            String bare = entry.getKey().split(":", 2)[0];
            if ((entry.getKey().equals(parameterName) || bare.equals(parameterName)) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** The status answered; 0 when the connection was dropped without an answer. */
    public int getStatus() {
        return status;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ZopeCall)) {
            return false;
        }
        ZopeCall call = (ZopeCall) other;
        return httpMethod.equals(call.httpMethod) && name.equals(call.name) && path.equals(call.path)
                && parameters.equals(call.parameters) && status == call.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(httpMethod, name, path, parameters, status);
    }

    @Override
    public String toString() {
        return httpMethod + " " + name + " " + path + " " + parameters + " -> " + status;
    }
}
