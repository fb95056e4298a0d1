package org.rnnlab.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import org.rnnlab.experiment.Checkpoint;

/**
 * A {@link Checkpoint} on disk: a magic number, a format version, the entries, and a CRC32 of
 * everything before it. {@link #write} goes through a temporary file that is flushed to the
 * device and then renamed over the target, so a crash during a save leaves the previous
 * checkpoint as it was; {@link #read} refuses a file whose checksum does not match.
 */
public final class CheckpointFile {
  private static final int MAGIC = 0x524e4e43; // "RNNC"
  /** 1: arrays and numbers; 2: texts too. Both are read. */
  private static final int VERSION = 2;
  private static final byte ARRAY = 1;
  private static final byte LONG = 2;
  private static final byte DOUBLE = 3;
  private static final byte STRING = 4;

  /** The largest checkpoint read (a network of H = 4096 is about 110 MB). */
  static final long MAX_BYTES = Integer.MAX_VALUE - 16;

  private CheckpointFile() {}

  /** Writes completely or not at all (temporary file, fsync, atomic rename). */
  public static void write(Checkpoint checkpoint, Path target) throws IOException {
    byte[] body = serialize(checkpoint);
    AtomicFiles.write(target, true, out -> out.write(body));
  }

  /**
   * A quick look at a checkpoint without reading it all: what is wrong with its size or header
   * (too short, not a checkpoint, another format), or null when they are as they should be.
   */
  public static String header(Path file) throws IOException {
    BoundedFiles.requireRegular(file);
    if (Files.size(file) < 20) {
      return "truncated";
    }
    try (java.io.DataInputStream in = new java.io.DataInputStream(Files.newInputStream(file))) {
      if (in.readInt() != MAGIC) {
        return "not an rnnlab checkpoint";
      }
      int version = in.readInt();
      return version == VERSION || version == 1 ? null : "format version " + version;
    }
  }

  /**
   * Reads a checkpoint written by {@link #write}.
   *
   * @throws IOException when the file is missing, truncated, of another format or fails its checksum
   */
  public static Checkpoint read(Path file) throws IOException {
    byte[] bytes = BoundedFiles.readBytes(file, MAX_BYTES);
    if (bytes.length < 16) {
      throw new IOException(file.getFileName() + " is truncated");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    if (crc.getValue() != stored) {
      throw new IOException(file.getFileName() + " is damaged (checksum mismatch)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file.getFileName() + " is not an rnnlab checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION && version != 1) {
        throw new IOException(file.getFileName() + " has format version " + version + "; this rnnlab reads " + VERSION);
      }
      Checkpoint c = new Checkpoint();
      int entries = in.readInt();
      for (int i = 0; i < entries; i++) {
        byte type = in.readByte();
        String key = in.readUTF();
        switch (type) {
          case ARRAY -> {
            double[] values = new double[in.readInt()];
            for (int j = 0; j < values.length; j++) {
              values[j] = in.readDouble();
            }
            c.putArray(key, values);
          }
          case LONG -> c.putLong(key, in.readLong());
          case DOUBLE -> c.putDouble(key, in.readDouble());
          case STRING -> {
            byte[] text = new byte[in.readInt()];
            in.readFully(text);
            c.putString(key, new String(text, java.nio.charset.StandardCharsets.UTF_8));
          }
          default -> throw new IOException(file.getFileName() + " has an unknown entry type " + type);
        }
      }
      return c;
    } catch (EOFException e) {
      throw new IOException(file.getFileName() + " is truncated", e);
    }
  }

  private static byte[] serialize(Checkpoint checkpoint) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(checkpoint.arrays().size() + checkpoint.longs().size() + checkpoint.doubles().size()
          + checkpoint.strings().size());
      for (Map.Entry<String, double[]> e : checkpoint.arrays().entrySet()) {
        out.writeByte(ARRAY);
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        for (double v : e.getValue()) {
          out.writeDouble(v);
        }
      }
      for (Map.Entry<String, Long> e : checkpoint.longs().entrySet()) {
        out.writeByte(LONG);
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue());
      }
      for (Map.Entry<String, Double> e : checkpoint.doubles().entrySet()) {
        out.writeByte(DOUBLE);
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue());
      }
      for (Map.Entry<String, String> e : checkpoint.strings().entrySet()) {
        out.writeByte(STRING);
        out.writeUTF(e.getKey());
        byte[] text = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
      }
    }
    CRC32 crc = new CRC32();
    byte[] body = bytes.toByteArray();
    crc.update(body);
    byte[] withCrc = java.util.Arrays.copyOf(body, body.length + 8);
    java.nio.ByteBuffer.wrap(withCrc, body.length, 8).putLong(crc.getValue());
    return withCrc;
  }
}
