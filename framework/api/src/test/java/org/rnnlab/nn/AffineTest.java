package org.rnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.math.MatrixView;
import org.rnnlab.math.Precision;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.Parameters;
import org.rnnlab.spi.StepInputs;

class AffineTest {

  /** Inputs without products: these tests are about U. */
  private static final StepInputs NO_INPUTS = new StepInputs() {
    @Override
    public int size() {
      return 2;
    }

    @Override
    public void addProduct(int t, MatrixView w, MatrixView out) {}

    @Override
    public void addWeightGradient(int t, MatrixView delta, MatrixView dw) {}

    @Override
    public void addInputGradient(int t, MatrixView w, MatrixView delta) {}
  };

  /**
   * dU added a few hundred terms at a time (OuterProducts, also when T·B is more than it keeps
   * at once, or B alone is) has the bits of dU added step by step, and dh_{t-1} = Uᵀ da_t is the
   * same at every step.
   */
  @ParameterizedTest
  @CsvSource({"50, 1, 6", "7, 1, 6", "3, 1, 6", "50, 32, 6", "13, 5, 6", "5, 3, 6", "64, 16, 6", "5, 3, 100", "7, 1, 300",
      "4, 300, 3"})
  void deferredRecurrentGradientHasTheBitsOfTheStepByStepOne(int hidden, int batch, int steps) {
    ParameterLayout layout = ParameterLayout.builder().add("cell", Affine.specs("", 2, hidden, 0)).build();
    Random random = new Random(hidden * 31L + batch);
    Parameters parameters = new Parameters(layout);
    fill(parameters.values(), random);
    Parameters stepByStep = new Parameters(layout), deferred = new Parameters(layout);
    fill(stepByStep.values(), random); // gradients that already hold something, as after another layer
    deferred.copyFrom(stepByStep);
    double[] before = slice(deferred, "U");
    Affine now = new Affine(parameters, stepByStep, "");
    Affine later = new Affine(parameters, deferred, "", batch);
    for (int pass = 0; pass < 2; pass++) { // the buffers are reused by the next pass
      for (int t = steps - 1; t >= 0; t--) {
        MatrixView da = randomView(hidden, batch, random);
        MatrixView hPrevious = t == 0 && pass == 0 ? null : randomView(hidden, batch, random); // null: a zero start
        MatrixView dhNow = randomView(hidden, batch, random), dhLater = copy(dhNow);
        now.backward(NO_INPUTS, t, da, hPrevious, dhNow);
        later.backward(NO_INPUTS, t, da, hPrevious, dhLater);
        assertArrayEquals(dhNow.data, dhLater.data, "dh at step " + t);
        if (t > 0 && pass == 0 && (steps - t) * batch <= OuterProducts.DEPTH) {
          assertArrayEquals(before, slice(deferred, "U"), "dU is not added before its buffer is full");
        }
      }
      assertArrayEquals(slice(stepByStep, "U"), slice(deferred, "U"), "dU after pass " + pass);
      assertArrayEquals(stepByStep.values(), deferred.values(), "every gradient after pass " + pass);
    }
    assertEquals(hidden * hidden, slice(deferred, "U").length);
  }

  /**
   * In float32 the forward a = U h_{t-1} (+ b), dh_{t-1} = Uᵀ da and dU are the float64 numbers to
   * float precision, on every pass: U is reloaded at step 0 after each update, and dU is complete
   * after step 0 (also when T·B is more than the terms kept at once).
   */
  @ParameterizedTest
  @CsvSource({"50, 1, 6", "7, 1, 6", "50, 32, 6", "13, 5, 6", "7, 1, 300", "4, 300, 3"})
  void float32GivesTheFloat64NumbersToFloatPrecision(int hidden, int batch, int steps) {
    ParameterLayout layout = ParameterLayout.builder().add("cell", Affine.specs("", 2, hidden, 0)).build();
    Random random = new Random(hidden * 17L + batch);
    Parameters parameters = new Parameters(layout);
    Parameters gradients64 = new Parameters(layout), gradients32 = new Parameters(layout);
    Affine float64 = new Affine(parameters, gradients64, "", batch);
    Affine float32 = new Affine(parameters.withPrecision(Precision.FLOAT32), gradients32, "", batch);
    for (int pass = 0; pass < 2; pass++) { // U changes between passes, as an update changes it
      fill(parameters.values(), random);
      fill(gradients64.values(), random);
      gradients32.copyFrom(gradients64);
      MatrixView[] h = new MatrixView[steps];
      for (int t = 0; t < steps; t++) {
        h[t] = randomView(hidden, batch, random);
        MatrixView previous = t == 0 ? null : h[t - 1];
        MatrixView a64 = MatrixView.zeros(hidden, batch), a32 = MatrixView.zeros(hidden, batch);
        float64.forward(NO_INPUTS, t, previous, a64);
        float32.forward(NO_INPUTS, t, previous, a32);
        assertClose(a64.data, a32.data, hidden, "a at step " + t + " of pass " + pass);
      }
      for (int t = steps - 1; t >= 0; t--) {
        MatrixView da = randomView(hidden, batch, random);
        MatrixView previous = t == 0 ? null : h[t - 1];
        MatrixView dh64 = randomView(hidden, batch, random), dh32 = copy(dh64);
        float64.backward(NO_INPUTS, t, da, previous, dh64);
        float32.backward(NO_INPUTS, t, da, previous, dh32);
        assertClose(dh64.data, dh32.data, hidden, "dh at step " + t + " of pass " + pass);
      }
      assertClose(gradients64.values(), gradients32.values(), steps * batch, "gradients after pass " + pass);
    }
  }

  /** Each |expected − actual| within float rounding of a sum of {@code terms} terms of about 1 (Gaussian products). */
  private static void assertClose(double[] expected, double[] actual, int terms, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-6 * (terms + Math.abs(expected[i])), what + ", element " + i);
    }
  }

  private static double[] slice(Parameters p, String name) {
    MatrixView v = p.view(name);
    double[] out = new double[v.size()];
    System.arraycopy(v.data, v.offset, out, 0, out.length);
    return out;
  }

  private static void fill(double[] values, Random random) {
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
  }

  private static MatrixView randomView(int rows, int cols, Random random) {
    MatrixView v = MatrixView.zeros(rows, cols);
    fill(v.data, random);
    return v;
  }

  private static MatrixView copy(MatrixView m) {
    MatrixView c = MatrixView.zeros(m.rows, m.cols);
    c.copyFrom(m);
    return c;
  }
}
