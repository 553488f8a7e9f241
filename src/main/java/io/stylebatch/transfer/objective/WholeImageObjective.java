package io.stylebatch.transfer.objective;

import io.stylebatch.model.Vgg19Layer;
import io.stylebatch.model.Vgg19Network;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link GatysObjective} on a network of the whole image's size, with the content targets it owns. */
final class WholeImageObjective implements ImageObjective {
  private final Vgg19Network network;
  private final TransferSettings settings;
  private final Map<Vgg19Layer, INDArray> gramTargets;
  private final Map<Vgg19Layer, INDArray> contentTargets = new EnumMap<>(Vgg19Layer.class);
  private GatysObjective objective;

  WholeImageObjective(Vgg19Weights weights, DataType type, int height, int width, TransferSettings settings,
      Map<Vgg19Layer, INDArray> gramTargets) {
    Set<Vgg19Layer> layers = new LinkedHashSet<>(settings.get(TransferSetting.CONTENT_LAYERS));
    layers.addAll(settings.get(TransferSetting.STYLE_LAYERS));
    this.network = new Vgg19Network(weights, type, height, width, settings.get(TransferSetting.POOLING), layers, true);
    this.settings = settings;
    this.gramTargets = gramTargets;
  }

  @Override
  public INDArray point() {
    return network.input();
  }

  @Override
  public INDArray gradient() {
    return network.inputGradient();
  }

  @Override
  public void captureContentTargets() {
    network.forward();
    for (Vgg19Layer layer : settings.get(TransferSetting.CONTENT_LAYERS)) {
      INDArray previous = contentTargets.put(layer, Vgg19Network.featureMatrix(network.activation(layer)).dup());
      if (previous != null) {
        previous.close();
      }
    }
    if (objective != null) {
      objective.close();
    }
    objective = new GatysObjective(network, settings, contentTargets, gramTargets);
  }

  @Override
  public LossValues evaluate() {
    if (objective == null) {
      throw new IllegalStateException("content targets were not captured");
    }
    return objective.evaluate();
  }

  @Override
  public void close() {
    if (objective != null) {
      objective.close();
    }
    contentTargets.values().forEach(INDArray::close);
    network.close();
  }
}
