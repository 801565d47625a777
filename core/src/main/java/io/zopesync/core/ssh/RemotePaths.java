package io.zopesync.core.ssh;

import io.zopesync.core.kernel.InvalidInputException;
import io.zopesync.core.kernel.ZopeIds;
import java.util.regex.Pattern;

/**
 * Remote path rules shared by the SFTP and SCP implementations: checks of the names and directories handed in,
 * SFTP glob escaping and POSIX shell quoting.
 */
final class RemotePaths {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private RemotePaths() {
    }

    /**
     * Checks a generated file name: {@code [A-Za-z0-9._-]}, not {@code .} or {@code ..}.
     *
     * @throws InvalidInputException naming the bad name
     */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw InvalidInputException.of("remote file name must consist of A-Z, a-z, 0-9, '.', '_' and '-': %s",
                    name == null ? "null" : ZopeIds.printable(name));
        }
        return name;
    }

    /**
     * Checks a remote directory: absolute, without {@code .}/{@code ..} segments or control characters.
     *
     * @return the directory without a trailing slash
     * @throws InvalidInputException naming the bad directory
     */
    static String checkDir(String dir) {
        if (dir == null || !dir.startsWith("/")) {
            throw InvalidInputException.of("remote directory must be an absolute path: %s",
                    dir == null ? "null" : ZopeIds.printable(dir));
        }
        if (dir.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("remote directory has a control character: %s", ZopeIds.printable(dir));
        }
        for (String segment : dir.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw InvalidInputException.of("remote directory must not contain '%s': %s", segment,
                        ZopeIds.printable(dir));
            }
        }
        String trimmed = dir.replaceAll("/+", "/");
        return trimmed.length() > 1 && trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** {@code dir/name}. */
    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /**
     * Escapes a path for {@code ChannelSftp}, which treats {@code *} and {@code ?} as wildcards and {@code \} as
     * the escape character in every remote path it is given.
     */
    static String sftp(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c == '*' || c == '?') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Quotes a word for a POSIX shell: {@code 'it'\''s'}. Inside single quotes nothing is special, and a single
     * quote itself is written as close-quote, escaped quote, open-quote.
     */
    static String shell(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
