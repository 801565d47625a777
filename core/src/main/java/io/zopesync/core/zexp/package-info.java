/**
 * Reading a {@code .zexp} file's root object (class and id) without Zope.
 *
 * <p>Nothing is {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.zopesync.core.zexp;

import org.jspecify.annotations.NullMarked;
