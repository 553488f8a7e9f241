package io.stylebatch.transfer.objective;

import io.stylebatch.model.NativeBuffers;
import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.transfer.optim.DirectVector;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link GatysLoss} and its gradient with respect to the image, evaluated on a {@link Vgg19Network} whose
 * {@link Vgg19Network#input()} holds the whole image: each term in one pass over its layer's features.
 *
 * <p>All scratch buffers are allocated in the constructor; {@link #evaluate()} allocates nothing that
 * outlives it. The gradient ends up in the network's {@link Vgg19Network#inputGradient()}.
 */
public final class GatysObjective implements AutoCloseable {
  private final Vgg19Network network;
  private final GatysLoss loss;
  private final List<ContentTerm> contentTerms = new ArrayList<>();
  private final List<StyleTerm> styleTerms = new ArrayList<>();
  private final NativeBuffers buffers = new NativeBuffers();
  private final TotalVariation tv;

  private record ContentTerm(INDArray features, INDArray target, INDArray lossGradient, long n, boolean accumulate) {}

  private record StyleTerm(INDArray features, INDArray target, INDArray gram, INDArray lossGradient, double weight,
      long channels, long n, boolean accumulate) {}

  /**
   * @param contentTargets per content layer, the content image's features as a {@code [H*W, C]} matrix
   * @param gramTargets per style layer, the target Gram matrix {@code [C, C]}
   */
  public GatysObjective(Vgg19Network network, TransferSettings settings, Map<Vgg19Layer, INDArray> contentTargets,
      Map<Vgg19Layer, INDArray> gramTargets) {
    this.network = network;
    this.loss = new GatysLoss(settings);
    List<Vgg19Layer> written = new ArrayList<>();
    for (Vgg19Layer layer : settings.get(TransferSetting.CONTENT_LAYERS)) {
      INDArray f = Vgg19Network.featureMatrix(network.activation(layer));
      INDArray target = contentTargets.get(layer);
      if (target == null || !java.util.Arrays.equals(target.shape(), f.shape())) {
        throw new IllegalArgumentException("content target for " + layer.featureName() + " is missing or has "
            + "the wrong shape");
      }
      contentTerms.add(new ContentTerm(f, target, Vgg19Network.featureMatrix(network.lossGradient(layer)), f.length(),
          written.contains(layer)));
      written.add(layer);
    }
    for (int i = 0; i < settings.get(TransferSetting.STYLE_LAYERS).size(); i++) {
      Vgg19Layer layer = settings.get(TransferSetting.STYLE_LAYERS).get(i);
      INDArray f = Vgg19Network.featureMatrix(network.activation(layer));
      long c = f.size(1);
      INDArray target = gramTargets.get(layer);
      if (target == null || target.size(0) != c || target.size(1) != c) {
        throw new IllegalArgumentException("style target for " + layer.featureName() + " is missing or has "
            + "the wrong shape");
      }
      styleTerms.add(new StyleTerm(f,
          target.dataType() == f.dataType() ? target : buffers.own(target.castTo(f.dataType())), buffers.create(f.dataType(), c, c),
          Vgg19Network.featureMatrix(network.lossGradient(layer)), settings.styleLayerWeights().get(i), c, f.length(),
          written.contains(layer)));
      written.add(layer);
    }
    tv = new TotalVariation(network.input(), network.inputGradient());
  }

  /** Computes the losses at the network's current input and leaves the gradient in its input gradient. */
  public LossValues evaluate() {
    network.forward();
    double content = 0;
    for (ContentTerm t : contentTerms) {
      content += loss.content(contentDifference(t, loss.contentGradientScale(t.n)), t.n);
    }
    double style = 0;
    for (StyleTerm t : styleTerms) {
      Nd4j.gemm(t.features, t.features, t.gram, true, false, loss.gramScale(t.n), 0.0);
      style += loss.style(t.weight, DirectVector.subtractAndSumSquares(t.gram, t.target), t.channels);
      // F (G - T): the difference of two symmetric matrices is symmetric.
      Nd4j.gemm(t.features, t.gram, t.lossGradient, false, false, loss.styleGradientScale(t.weight, t.channels, t.n),
          t.accumulate ? 1.0 : 0.0);
    }
    network.backward();
    double tv = this.tv.addGradient(loss.tvWeight());
    return loss.total(content, style, tv);
  }

  /**
   * The content term's one pass: its loss gradient gets (or, when an earlier term wrote it, adds)
   * {@code coefficient * (F - target)}; returns the sum of squares of {@code F - target}.
   */
  private static double contentDifference(ContentTerm t, double coefficient) {
    DirectVector f = DirectVector.of(t.features);
    DirectVector target = DirectVector.of(t.target);
    DirectVector gradient = DirectVector.of(t.lossGradient);
    double sum = 0;
    for (int i = 0, n = f.length(); i < n; i++) {
      double d = f.get(i) - target.get(i);
      sum += d * d;
      gradient.set(i, t.accumulate ? gradient.get(i) + coefficient * d : coefficient * d);
    }
    DirectVector.written(t.lossGradient);
    return sum;
  }

  /** The image being optimized (the network's input buffer). */
  public INDArray point() {
    return network.input();
  }

  /** dTotal/dImage after the last {@link #evaluate()}. */
  public INDArray gradient() {
    return network.inputGradient();
  }

  @Override
  public void close() {
    buffers.close();
  }
}
