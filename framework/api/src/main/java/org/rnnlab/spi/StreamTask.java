package org.rnnlab.spi;

/**
 * A task whose data are streams read in order (a text). Training cuts the training data into B
 * parallel streams and reads them chunk by chunk, {@link Task#shape()}{@code .steps()} symbols at a
 * time; a network carries its state from one chunk to the next (truncated BPTT) and starts from
 * zeros at the start of every pass over the data. Evaluation reads the whole validation data the
 * same way. Every position with a target is scored.
 *
 * <p>{@link Task#sample} still fills a batch with chunks taken at random places of the training
 * data, for experiments that want independent sequences (a gradient check).
 */
public interface StreamTask extends Task {

  /** The chunks of one pass over the training data cut into {@code streams} streams (0 when it is too short). */
  long chunksPerPass(int streams);

  /**
   * Overwrites {@code batch} (made for {@link #shape()}; B = its batch size) with chunk {@code index}
   * (0 ≤ index &lt; {@link #chunksPerPass}) of every training stream: chunk i + 1 continues chunk i.
   */
  void trainingChunk(SequenceBatch batch, long index);

  /** The chunks that read the whole validation data as {@code streams} streams. */
  int validationChunks(int streams);

  /**
   * Overwrites {@code batch} with validation chunk {@code index} of every stream; positions past the
   * end of the data have no target. Chunk i + 1 continues chunk i.
   */
  void validationChunk(SequenceBatch batch, int index);

  /** The symbols as text. */
  Vocabulary vocabulary();
}
