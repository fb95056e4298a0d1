package org.rnnlab.plugins.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.spi.ParameterLayout;
import org.rnnlab.spi.ParameterSpec;
import org.rnnlab.spi.Parameters;
import org.rnnlab.testkit.OptimizerContract;

class OptimizersTest {

  static Parameters vector(double... values) {
    Parameters p = new Parameters(ParameterLayout.builder()
        .add("cell", List.of(ParameterSpec.inputWeights("W", 1, values.length))).build());
    System.arraycopy(values, 0, p.values(), 0, values.length);
    return p;
  }

  @Nested
  class PlainSgd extends OptimizerContract {
    @Override
    protected Optimizer optimizer() {
      return new Sgd(new Sgd.Settings(0.1, 0, LearningRate.Schedule.CONSTANT));
    }

    @Test
    void stepsAgainstTheGradient() {
      Parameters theta = vector(1, 2);
      optimizer().update(theta, vector(0.5, -1));
      assertEquals(1 - 0.05, theta.values()[0], 1e-15);
      assertEquals(2 + 0.1, theta.values()[1], 1e-15);
    }
  }

  @Nested
  class SgdWithMomentum extends OptimizerContract {
    @Override
    protected Optimizer optimizer() {
      return new Sgd(new Sgd.Settings(0.1, 0.9, LearningRate.Schedule.CONSTANT));
    }

    @Test
    void accumulatesVelocity() {
      Optimizer sgd = optimizer();
      Parameters theta = vector(0);
      sgd.update(theta, vector(1)); // v = −0.1
      sgd.update(theta, vector(1)); // v = 0.9·(−0.1) − 0.1 = −0.19
      assertEquals(-0.1 - 0.19, theta.values()[0], 1e-15);
    }
  }

  @Nested
  class AdamOptimizer extends OptimizerContract {
    @Override
    protected Optimizer optimizer() {
      return new Adam(new Adam.Settings(0.1, 0.9, 0.999, 1e-8, LearningRate.Schedule.CONSTANT));
    }

    @Test
    void followsAlgorithmOneOfKingmaAndBa() {
      Optimizer adam = optimizer();
      Parameters theta = vector(1.0);
      double m = 0, v = 0, expected = 1.0;
      double[] gradients = {0.5, -0.2, 0.3};
      for (int t = 1; t <= gradients.length; t++) {
        double g = gradients[t - 1];
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g * g;
        double mHat = m / (1 - Math.pow(0.9, t)), vHat = v / (1 - Math.pow(0.999, t));
        expected -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
        adam.update(theta, vector(g));
        assertEquals(expected, theta.values()[0], 1e-15, "step " + t);
      }
      // The first step is ≈ η·sign(g), whatever the gradient's scale.
      Parameters fresh = vector(0);
      optimizer().update(fresh, vector(1e-3));
      assertEquals(-0.1, fresh.values()[0], 1e-5);
    }
  }

  @Nested
  class SgdWithCosineDecay extends OptimizerContract {
    @Override
    protected Optimizer optimizer() {
      return new Sgd(new Sgd.Settings(0.1, 0, new LearningRate.Schedule(LearningRate.Decay.COSINE, 50, 0.01)));
    }
  }

  @Test
  void decaySchedules() {
    LearningRate linear = new LearningRate(1.0, LearningRate.Decay.LINEAR, 4, 0.2);
    assertEquals(1.0, linear.at(1));
    assertEquals(0.8, linear.at(2), 1e-15);
    assertEquals(0.2, linear.at(5), 1e-15);
    assertEquals(0.2, linear.at(1000), 1e-15);
    LearningRate cosine = new LearningRate(1.0, LearningRate.Decay.COSINE, 2, 0.0);
    assertEquals(1.0, cosine.at(1));
    assertEquals(0.5, cosine.at(2), 1e-15);
    assertEquals(0.0, cosine.at(3), 1e-15);
    assertEquals(0.3, new LearningRate(0.3, LearningRate.Decay.NONE, 2, 0.0).at(99));
    LearningRate planned = new LearningRate(1.0, LearningRate.Decay.LINEAR, 0, 0.0);
    planned.plan(4);
    assertEquals(0.5, planned.at(3), 1e-15);
    LearningRate explicit = new LearningRate(1.0, LearningRate.Decay.LINEAR, 2, 0.0);
    explicit.plan(4); // an explicit decay_steps wins over the plan
    assertEquals(0.0, explicit.at(3), 1e-15);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Adam.Settings(0.1, 0.9, 0.999, 1e-8, new LearningRate.Schedule(LearningRate.Decay.LINEAR, 5, 0.2)));
  }

  /** Layer "cell" with W (1×2) and A (2×1), layer "layer2" with l2.A (1×1). */
  static Parameters layered(double value) {
    Parameters p = new Parameters(ParameterLayout.builder()
        .add("cell", "", List.of(ParameterSpec.inputWeights("W", 1, 2), ParameterSpec.cellInitialized("A", 2, 1)))
        .add("layer2", "l2.", List.of(ParameterSpec.cellInitialized("A", 1, 1)))
        .build());
    java.util.Arrays.fill(p.values(), value);
    return p;
  }

  @Test
  void aGroupTakesStepsOfItsOwnSize() {
    List<RateGroup> slowA = List.of(new RateGroup(List.of("A"), 0.1));
    Optimizer sgd = new Sgd(new Sgd.Settings(0.5, 0, LearningRate.Schedule.CONSTANT, slowA));
    Parameters theta = layered(0);
    sgd.update(theta, layered(1)); // W: −0.5; A and l2.A: −0.05
    assertEquals(List.of(-0.5, -0.5, -0.05, -0.05, -0.05), java.util.Arrays.stream(theta.values()).boxed().toList());

    Optimizer momentum = new Sgd(new Sgd.Settings(0.5, 0.9, LearningRate.Schedule.CONSTANT,
        List.of(new RateGroup(List.of("l2.A"), 2))));
    theta = layered(0);
    momentum.update(theta, layered(1));
    assertEquals(List.of(-0.5, -0.5, -0.5, -0.5, -1.0), java.util.Arrays.stream(theta.values()).boxed().toList());

    // Adam's first step is η · sign(g) (m̂ = g, v̂ = g²): η for W, η/10 for A.
    Optimizer adam = new Adam(new Adam.Settings(0.01, 0.9, 0.999, 1e-12, LearningRate.Schedule.CONSTANT, slowA));
    theta = layered(0);
    adam.update(theta, layered(3));
    assertEquals(-0.01, theta.values()[0], 1e-12);
    assertEquals(-0.001, theta.values()[2], 1e-12);
    assertEquals(-0.001, theta.values()[4], 1e-12);
  }

  @Test
  void aGroupMustNameMatricesOfTheNetworkEachOnce() {
    ParameterLayout layout = layered(0).layout();
    var unknown = org.junit.jupiter.api.Assertions.assertThrows(org.rnnlab.plugin.InvalidSetting.class,
        () -> new Adam(new Adam.Settings(0.01, 0.9, 0.999, 1e-8, LearningRate.Schedule.CONSTANT,
            List.of(new RateGroup(List.of("U"), 0.1)))).check(layout));
    assertEquals("no matrix of the network is named U; it has W, A, l2.A", unknown.getMessage());
    var twice = org.junit.jupiter.api.Assertions.assertThrows(org.rnnlab.plugin.InvalidSetting.class,
        () -> new Sgd(new Sgd.Settings(0.01, 0, LearningRate.Schedule.CONSTANT,
            List.of(new RateGroup(List.of("A"), 0.1), new RateGroup(List.of("l2.A"), 0.5)))).check(layout));
    assertEquals("the matrix l2.A is in two groups; put it in one", twice.getMessage());
  }

  @Test
  void sgdFollowsTheSchedule() {
    Optimizer sgd = new Sgd(new Sgd.Settings(1.0, 0, new LearningRate.Schedule(LearningRate.Decay.LINEAR, 2, 0.5)));
    Parameters theta = vector(0);
    sgd.update(theta, vector(1)); // η = 1
    sgd.update(theta, vector(1)); // η = 0.75
    sgd.update(theta, vector(1)); // η = 0.5
    assertEquals(-2.25, theta.values()[0], 1e-15);
  }
}
