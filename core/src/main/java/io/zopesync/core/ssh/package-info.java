/**
 * Files in a target's import directory over SSH: the {@link io.zopesync.core.ssh.RemoteFiles} port, SFTP and SCP.
 *
 * <p>Nothing is {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.zopesync.core.ssh;

import org.jspecify.annotations.NullMarked;
