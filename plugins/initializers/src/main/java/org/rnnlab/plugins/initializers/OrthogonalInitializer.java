package org.rnnlab.plugins.initializers;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.rnnlab.math.MatrixView;
import org.rnnlab.plugin.Setting;
import org.rnnlab.spi.Initializer;

/**
 * A random orthogonal matrix (Saxe, McClelland &amp; Ganguli 2014), times {@code gain}: the Q of
 * the QR decomposition of a matrix of standard normal draws, with each column's sign fixed by the
 * sign of R's diagonal so that Q is uniformly (Haar) distributed (Mezzadri 2007). A square matrix
 * gets QᵀQ = QQᵀ = I; a tall one orthonormal columns, a wide one orthonormal rows. All singular
 * values are 1, so a recurrent matrix neither shrinks nor stretches the state at the start.
 */
public final class OrthogonalInitializer implements Initializer {

  /** Settings of {@code orthogonal}. */
  public record Settings(
      @Setting(value = "multiplies the orthogonal matrix (its singular values)", defaultValue = "1.0", min = 0,
          exclusiveMin = true, max = 1000)
      double gain) {}

  private final double gain;

  public OrthogonalInitializer(Settings settings) {
    this.gain = settings.gain();
  }

  @Override
  public void initialize(MatrixView weights, RandomGenerator random) {
    boolean wide = weights.rows < weights.cols;
    int tall = Math.max(weights.rows, weights.cols), narrow = Math.min(weights.rows, weights.cols);
    DMatrixRMaj a = new DMatrixRMaj(tall, narrow);
    for (int i = 0; i < a.data.length; i++) {
      a.data[i] = random.nextGaussian();
    }
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(tall, narrow);
    if (!qr.decompose(a)) {
      throw new IllegalStateException("QR decomposition failed");
    }
    DMatrixRMaj q = qr.getQ(null, true); // tall × narrow, orthonormal columns
    DMatrixRMaj r = qr.getR(null, true); // narrow × narrow, upper triangular
    for (int j = 0; j < narrow; j++) {
      double sign = r.get(j, j) < 0 ? -gain : gain;
      for (int i = 0; i < tall; i++) {
        double value = sign * q.get(i, j);
        if (wide) {
          weights.set(j, i, value);
        } else {
          weights.set(i, j, value);
        }
      }
    }
  }
}
