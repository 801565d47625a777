/**
 * Bundles: exported {@code .zexp} files, their manifest, and the objects a push replaced.
 *
 * <p>Nothing is {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.zopesync.core.bundle;

import org.jspecify.annotations.NullMarked;
