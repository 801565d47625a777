/**
 * What every package of the engine shares: ids and paths, secrets, timeouts, the log port, exceptions.
 *
 * <p>Nothing is {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.zopesync.core.kernel;

import org.jspecify.annotations.NullMarked;
