package org.rnnlab.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols of a task that reads text: symbol i is {@link #symbols()}{@code .get(i)}, one
 * Unicode character (code point) each, in the order of their code points.
 */
public final class Vocabulary {
  private final List<String> symbols;
  private final Map<Integer, Integer> index = new HashMap<>();

  /** @param symbols one character (code point) each, distinct */
  public Vocabulary(List<String> symbols) {
    this.symbols = List.copyOf(symbols);
    for (int i = 0; i < this.symbols.size(); i++) {
      String s = this.symbols.get(i);
      if (s.codePointCount(0, s.length()) != 1 || index.put(s.codePointAt(0), i) != null) {
        throw new IllegalArgumentException("a vocabulary holds distinct single characters, not '" + s + "'");
      }
    }
  }

  public List<String> symbols() {
    return symbols;
  }

  public int size() {
    return symbols.size();
  }

  /** The symbol of a code point, or -1 when the vocabulary lacks it. */
  public int indexOf(int codePoint) {
    return index.getOrDefault(codePoint, -1);
  }

  /**
   * The symbols of {@code text}.
   *
   * @throws IllegalArgumentException naming the first character the vocabulary lacks
   */
  public int[] encode(String text) {
    int[] out = new int[text.codePointCount(0, text.length())];
    int at = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int symbol = indexOf(cp);
      if (symbol < 0) {
        throw new IllegalArgumentException("'" + new String(Character.toChars(cp)) + "' (U+"
            + String.format("%04X", cp) + ") at character " + at + " is not in the vocabulary of " + size()
            + " characters");
      }
      out[at++] = symbol;
      i += Character.charCount(cp);
    }
    return out;
  }

  /** The text of symbol {@code i}. */
  public String decode(int i) {
    return symbols.get(i);
  }
}
