/**
 * What a front end builds: environments, objects, requests, options, and the listener port.
 *
 * <p>Nothing is {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.zopesync.core.model;

import org.jspecify.annotations.NullMarked;
