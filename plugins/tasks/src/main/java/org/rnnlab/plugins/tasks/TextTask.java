package org.rnnlab.plugins.tasks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.rnnlab.plugin.InvalidSetting;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.SequenceBatch;
import org.rnnlab.spi.StreamTask;
import org.rnnlab.spi.TaskShape;
import org.rnnlab.spi.Vocabulary;

/**
 * Character-level language modelling of a UTF-8 text file (the setting of min-char-rnn and
 * char-rnn): at every position, predict the next character.
 *
 * <pre>
 * vocabulary   the file's characters (code points), sorted                V symbols
 * split        first 1 − validation of the characters for training, the rest for validation
 *              (contiguous, as nanoGPT splits this corpus), or all of file for training and
 *              validation_file for validation
 * training     the training text cut into B equal streams, read S characters at a time:
 *              input c_i … c_{i+S−1}, target c_{i+1} … c_{i+S}; chunk k + 1 continues chunk k
 * validation   the whole validation text as B streams, the same way (every character predicted
 *              once, but the first of each stream)
 * </pre>
 *
 * The loss per sequence is in nats per chunk; divided by S it is nats per character, bits per
 * character is that / ln 2, and the perplexity e to the nats per character.
 */
public final class TextTask implements StreamTask {

  /** Settings of {@code text}. */
  public record Settings(
      @Setting(value = "the UTF-8 text file, relative to the config file's directory", path = true)
      String file,
      @Setting(value = "S, characters per chunk: the length BPTT is truncated to", defaultValue = "64", min = 1,
          max = 100_000)
      int chunk,
      @Setting(value = "the share of the file, at its end, kept for validation", defaultValue = "0.1", min = 0,
          exclusiveMin = true, max = 0.9)
      double validation,
      @Setting(value = "a text file to validate on instead (its characters must all be in the training file's)",
          defaultValue = "", path = true)
      String validationFile) {}

  /** Files larger than this are not read. */
  static final long MAX_BYTES = 1L << 30;

  private final Settings settings;
  private final Vocabulary vocabulary;
  private final int[] train;
  private final int[] validation;
  private final TaskShape shape;
  private final Map<String, Object> provenance = new LinkedHashMap<>();

  public TextTask(Settings settings) {
    this.settings = settings;
    Path file = Path.of(settings.file());
    String text = read(file, "task.file");
    provenance.put("file", record(file, text));
    List<String> symbols = new ArrayList<>();
    TreeSet<Integer> codePoints = new TreeSet<>();
    text.codePoints().forEach(codePoints::add);
    codePoints.forEach(cp -> symbols.add(new String(Character.toChars(cp))));
    if (symbols.size() < 2) {
      throw new InvalidSetting("task.file", settings.file() + " holds " + symbols.size()
          + " distinct character(s); a language model needs at least 2");
    }
    this.vocabulary = new Vocabulary(symbols);
    int[] all = vocabulary.encode(text);
    if (settings.validationFile().isEmpty()) {
      int cut = (int) Math.round(all.length * (1 - settings.validation()));
      this.train = java.util.Arrays.copyOfRange(all, 0, cut);
      this.validation = java.util.Arrays.copyOfRange(all, cut, all.length);
    } else {
      Path other = Path.of(settings.validationFile());
      String validationText = read(other, "task.validation_file");
      provenance.put("validation_file", record(other, validationText));
      this.train = all;
      try {
        this.validation = vocabulary.encode(validationText);
      } catch (IllegalArgumentException e) {
        throw new InvalidSetting("task.validation_file", settings.validationFile() + ": " + e.getMessage()
            + " (the training file's)");
      }
    }
    if (train.length < settings.chunk() + 1 || validation.length < 2) {
      throw new InvalidSetting(List.of("task.validation", "task.file"), "the split leaves " + train.length
          + " characters for training and " + validation.length + " for validation; training needs more than a"
          + " chunk (" + settings.chunk() + ") and validation at least 2");
    }
    this.shape = new TaskShape(settings.chunk(), vocabulary.size(), true, vocabulary.size());
    provenance.put("vocabulary", vocabulary.size());
    provenance.put("training_characters", train.length);
    provenance.put("validation_characters", validation.length);
  }

  /** The file as text: a regular file, UTF-8 (the first bad byte named), at most {@link #MAX_BYTES}. */
  private static String read(Path file, String key) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
        throw new InvalidSetting(key, file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InvalidSetting(key, file + " is " + size + " bytes; a text may be at most " + MAX_BYTES);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidSetting(key, file + ": cannot read (" + e.getMessage() + ")");
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new InvalidSetting(key, file + " is not UTF-8 text: invalid byte at offset " + in.position());
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static Map<String, Object> record(Path file, String text) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("path", file.toString());
    try {
      byte[] bytes = Files.readAllBytes(file);
      r.put("bytes", bytes.length);
      r.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (IOException | NoSuchAlgorithmException e) {
      r.put("sha256", "unknown (" + e.getMessage() + ")");
    }
    r.put("characters", text.codePointCount(0, text.length()));
    return r;
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Chunks taken at random places of the training text (for experiments that want independent sequences). */
  @Override
  public void sample(SequenceBatch batch, RandomGenerator random) {
    int s = settings.chunk();
    for (int b = 0; b < batch.batchSize(); b++) {
      fill(batch, b, train, 0, train.length, random.nextInt(train.length - s), s);
    }
  }

  /**
   * Column b of the batch from the stream {@code data[start … start + length)}, at its position
   * {@code from}: up to {@code count} characters with their next one as the target, as far as the
   * stream holds them; the rest of the column without a target.
   */
  private static void fill(SequenceBatch batch, int b, int[] data, int start, int length, int from, int count) {
    for (int t = 0; t < batch.steps(); t++) {
      boolean has = t < count && from + t + 1 < length;
      batch.setSymbol(t, b, has ? data[start + from + t] : 0);
      batch.setTarget(t, b, has ? data[start + from + t + 1] : SequenceBatch.NO_TARGET);
      batch.setScored(t, b, has);
    }
  }

  /** Characters per stream when {@code data} is cut into {@code streams}. */
  private static int streamLength(int[] data, int streams) {
    return data.length / streams;
  }

  @Override
  public long chunksPerPass(int streams) {
    int length = streamLength(train, streams);
    return length < 2 ? 0 : (length - 1) / settings.chunk();
  }

  @Override
  public void trainingChunk(SequenceBatch batch, long index) {
    int length = streamLength(train, batch.batchSize()), s = settings.chunk();
    for (int b = 0; b < batch.batchSize(); b++) {
      fill(batch, b, train, b * length, length, (int) index * s, s);
    }
  }

  @Override
  public int validationChunks(int streams) {
    int length = streamLength(validation, streams);
    return length < 2 ? 0 : (length - 2) / settings.chunk() + 1;
  }

  @Override
  public void validationChunk(SequenceBatch batch, int index) {
    int length = streamLength(validation, batch.batchSize()), s = settings.chunk();
    for (int b = 0; b < batch.batchSize(); b++) {
      fill(batch, b, validation, b * length, length, index * s, s);
    }
  }

  /** A uniform guess over the V symbols: 1/V. */
  @Override
  public double chanceAccuracy() {
    return 1.0 / vocabulary.size();
  }

  /** A uniform guess: S ln V nats per chunk. */
  @Override
  public double baselineLoss() {
    return settings.chunk() * Math.log(vocabulary.size());
  }

  @Override
  public Map<String, Object> provenance() {
    return provenance;
  }

  @Override
  public Map<String, String> files() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < vocabulary.size(); i++) {
      json.append(i == 0 ? "" : ", ").append(jsonString(vocabulary.decode(i)));
    }
    return Map.of("vocabulary.json", json.append("]\n").toString());
  }

  private static String jsonString(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> q.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return q.append('"').toString();
  }
}
