package io.zopesync.core.status;

import java.util.List;

/**
 * How one object of a tree differs between the source's export and a target's ({@code zope-sync status --diff}).
 *
 * @param path the object's path below the compared object, {@code ""} for the compared object itself
 * @param change whether it is on one side only, or on both and different
 * @param className its class, {@code module.Class} (the source's, where it is on both sides)
 * @param attributes the attributes that differ and are not text, each as {@code "name: source value -> target
 *     value"} (values cut to {@value #MAX_VALUE} characters; {@code (none)} where a side lacks it)
 * @param texts unified diffs of the text attributes that differ (a DTML or page template source, a script's body
 *     and parameters, a text file's data, the properties), source first
 */
public record ObjectDiff(String path, Change change, String className, List<String> attributes,
        List<TextDiff> texts) {
    /** The longest value shown in {@link #attributes()}. */
    public static final int MAX_VALUE = 80;

    public ObjectDiff {
        attributes = List.copyOf(attributes);
        texts = List.copyOf(texts);
    }

    /** Where the object is. */
    public enum Change {
        ONLY_ON_SOURCE("only on the source"),
        ONLY_ON_TARGET("only on the target"),
        CHANGED("changed");

        private final String label;

        Change(String label) {
            this.label = label;
        }

        /** How reports name it. */
        public String label() {
            return label;
        }
    }

    /**
     * A unified diff of one text attribute.
     *
     * @param attribute the attribute's name ({@code raw}, {@code _text}, {@code _body}, {@code data},
     *     {@code properties}, ...)
     * @param unified the diff as {@code diff -u} writes it, or a sentence where it is too long to compute
     */
    public record TextDiff(String attribute, String unified) {
    }
}
