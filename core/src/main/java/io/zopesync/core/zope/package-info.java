/**
 * Zope's management API over HTTP: the {@link io.zopesync.core.zope.ZopeApi} port and its client.
 *
 * <p>Nothing is {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.zopesync.core.zope;

import org.jspecify.annotations.NullMarked;
