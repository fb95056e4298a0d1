package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;

/**
 * The contract of every {@link Optimizer}: steps along the gradient of a convex quadratic bring
 * the parameters towards its minimum, gradients are not modified, and two instances given the
 * same gradients make the same steps.
 */
public abstract class OptimizerContract {

  /** A new instance with the settings under test. */
  protected abstract Optimizer optimizer();

  private static Parameters parameters(double... values) {
    ParameterLayout layout = ParameterLayout.builder()
        .add("cell", List.of(ParameterSpec.inputWeights("W", 1, values.length)))
        .build();
    Parameters p = new Parameters(layout);
    System.arraycopy(values, 0, p.values(), 0, values.length);
    return p;
  }

  @Test
  void descendsAConvexQuadratic() {
    // L(θ) = ½ Σ c_i θ_i², ∇L = c ⊙ θ, minimum at 0.
    double[] curvature = {1, 4, 0.5};
    Optimizer optimizer = optimizer();
    optimizer.plan(200);
    Parameters theta = parameters(1.0, -2.0, 0.5);
    Parameters gradient = parameters(0, 0, 0);
    double start = loss(theta, curvature);
    for (int step = 0; step < 200; step++) {
      for (int i = 0; i < 3; i++) {
        gradient.values()[i] = curvature[i] * theta.values()[i];
      }
      double[] before = gradient.values().clone();
      optimizer.update(theta, gradient);
      assertArrayEquals(before, gradient.values(), "the optimizer modified the gradients");
    }
    assertTrue(loss(theta, curvature) < 0.1 * start, "loss " + loss(theta, curvature) + " from " + start);
  }

  @Test
  void twoInstancesMakeTheSameSteps() {
    Optimizer a = optimizer(), b = optimizer();
    a.plan(5);
    b.plan(5);
    Parameters pa = parameters(0.3, -0.1), pb = parameters(0.3, -0.1);
    for (int step = 1; step <= 5; step++) {
      Parameters g = parameters(step * 0.1, -0.2);
      a.update(pa, g);
      b.update(pb, g);
    }
    assertArrayEquals(pa.values(), pb.values());
  }

  @Test
  void aRestoredStateContinuesExactly() {
    Optimizer a = optimizer();
    a.plan(10);
    Parameters pa = parameters(0.3, -0.1);
    for (int step = 1; step <= 4; step++) {
      a.update(pa, parameters(step * 0.1, -0.2 * step));
    }
    Optimizer b = optimizer();
    b.plan(10);
    b.restore(a.state());
    Parameters pb = parameters(pa.values().clone());
    for (int step = 5; step <= 8; step++) {
      Parameters g = parameters(step * 0.1, 0.05 * step);
      a.update(pa, g);
      b.update(pb, g);
    }
    assertArrayEquals(pa.values(), pb.values(), "a restored optimizer must step exactly as the original");
  }

  private static double loss(Parameters theta, double[] curvature) {
    double s = 0;
    for (int i = 0; i < curvature.length; i++) {
      s += 0.5 * curvature[i] * theta.values()[i] * theta.values()[i];
    }
    return s;
  }
}
