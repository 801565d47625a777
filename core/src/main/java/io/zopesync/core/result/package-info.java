/**
 * What a sync, promotion or restore returns: per target and object, what happened.
 *
 * <p>Nothing is {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.zopesync.core.result;

import org.jspecify.annotations.NullMarked;
