package io.jenkins.plugins.zopesync.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The jobs that may use a Zope environment, as an administrator lists them: each entry is a job's or a folder's
 * full name ({@code team/site/main}, {@code deploy}), and a folder allows every job in it at any depth, so a
 * multibranch project's name allows all its branches and {@code team/site/main} only that branch. A {@code *}
 * stands for any characters within one name ({@code team/site/release-*}). No entry at all allows every job, as
 * before environments could be restricted. Immutable.
 *
 * <p>It exists because a production environment's password and SSH key are sent to whichever job names the
 * environment: without a list, anyone who can push a Jenkinsfile to any branch could push to production.
 *
 * <p>{@code AllowedJobs.of(List.of("deploy", "team/site/main")).allows("deploy/prod-push")} is {@code true};
 * {@code allows("team/site/feature-x")} is {@code false}.
 */
public final class AllowedJobs {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final List<String> entries;
    private final List<List<Pattern>> patterns;

    private AllowedJobs(List<String> entries) {
        this.entries = List.copyOf(entries);
        List<List<Pattern>> compiled = new ArrayList<>();
        for (String entry : this.entries) {
            List<Pattern> segments = new ArrayList<>();
            for (String segment : entry.split("/", -1)) {
                segments.add(glob(segment));
            }
            compiled.add(List.copyOf(segments));
        }
        this.patterns = List.copyOf(compiled);
    }

    /**
     * The list of these entries; each value may hold several entries separated by line breaks, commas or spaces
     * (the form's text area). Blank values are ignored.
     *
     * @throws IllegalArgumentException naming the first bad entry (see {@link #check(Collection)})
     */
    public static AllowedJobs of(Collection<String> values) {
        List<String> entries = split(values);
        Optional<String> problem = problem(entries);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new AllowedJobs(entries);
    }

    /** The entries of these values, split as {@link #of(Collection)} splits them, unchecked. */
    public static List<String> split(Collection<String> values) {
        List<String> entries = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                for (String entry : SEPARATORS.split(value.strip())) {
                    if (!entry.isEmpty()) {
                        entries.add(entry);
                    }
                }
            }
        }
        return List.copyOf(entries);
    }

    /**
     * Whether the entries can be saved: each a {@code /}-separated full name without empty names, {@code .} or
     * {@code ..}, or control characters. No entry is fine (every job may use the environment), and says so.
     */
    public static Check check(Collection<String> values) {
        List<String> entries = split(values);
        Optional<String> problem = problem(entries);
        if (problem.isPresent()) {
            return Check.error(problem.get());
        }
        return entries.isEmpty() ? Check.ok(Texts.get("Check.EveryJobAllowed")) : Check.ok();
    }

    private static Optional<String> problem(List<String> entries) {
        for (String entry : entries) {
            boolean badSegment = false;
            for (String segment : entry.split("/", -1)) {
                badSegment |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
            }
            if (badSegment || entry.chars().anyMatch(Character::isISOControl)) {
                return Optional.of(Texts.get("Check.BadAllowedJob", entry.replaceAll("\\p{Cntrl}", "?")));
            }
        }
        return Optional.empty();
    }

    /** Whether no entry is given, so that every job may use the environment. */
    public boolean isEveryJob() {
        return entries.isEmpty();
    }

    /** The entries, in order. */
    public List<String> getEntries() {
        return entries;
    }

    /** Whether the job with this full name ({@code team/site/main}) may use the environment. */
    public boolean allows(String fullName) {
        if (entries.isEmpty()) {
            return true;
        }
        if (fullName == null || fullName.isEmpty()) {
            return false;
        }
        String[] names = fullName.split("/", -1);
        for (List<Pattern> segments : patterns) {
            if (segments.size() <= names.length && matches(segments, names)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<Pattern> segments, String[] names) {
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).matcher(names[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Pattern glob(String segment) {
        StringBuilder regex = new StringBuilder();
        String[] literals = segment.split("\\*", -1);
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!literals[i].isEmpty()) {
                regex.append(Pattern.quote(literals[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "every job" : String.join(", ", entries);
    }
}
