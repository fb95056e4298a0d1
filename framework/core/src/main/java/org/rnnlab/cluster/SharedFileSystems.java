package org.rnnlab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a directory is on a file system other machines see. Slurm runs a task on whichever
 * node it picks; that node must find the rnnlab launcher, the config and the sweep's directory
 * at the same paths, and the machine that submitted must see what the task wrote.
 */
public final class SharedFileSystems {
  /** File system types (as Linux names them in /proc/mounts) that several machines mount. */
  static final Set<String> SHARED = Set.of("nfs", "nfs4", "lustre", "gpfs", "beegfs", "ceph", "cephfs", "cifs", "smb3",
      "smbfs", "glusterfs", "fuse.glusterfs", "fuse.cephfs", "fuse.sshfs", "panfs", "wekafs", "orangefs", "pvfs2",
      "afs", "fuse.juicefs", "fuse.s3fs", "davfs", "fuse.beegfs", "ocfs2", "gfs2", "quobyte", "fuse.quobyte");

  private SharedFileSystems() {}

  /**
   * A warning naming the risk when {@code directory} (or, if it does not exist yet, the nearest
   * folder above it) is on a local file system, else null.
   *
   * @param what what the directory is, for the message ("the runs directory")
   */
  public static String warning(Path directory, String what) {
    Path existing = directory.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    String type;
    try {
      type = Files.getFileStore(existing).type().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return null; // unknown: no claim either way
    }
    if (SHARED.contains(type)) {
      return null;
    }
    return "warning: " + what + " " + directory + " is on a local file system (" + type + "): a task that Slurm"
        + " runs on another node will not find it there, and what it writes this machine will not see; that works"
        + " only on a single-node cluster (put rnnlab and the runs directory on NFS, Lustre, GPFS, BeeGFS, CephFS, …)";
  }
}
