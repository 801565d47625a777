/**
 * The engine's facade, {@link io.zopesync.core.ZopeSync}: what a front end calls.
 *
 * <p>Nothing is {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.zopesync.core;

import org.jspecify.annotations.NullMarked;
