package io.stylebatch.job;

import io.stylebatch.config.ConfigurationException;
import io.stylebatch.config.Uris;
import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.manifest.ManifestReader;
import io.stylebatch.manifest.ManifestValidator;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.WeightsFileException;
import io.stylebatch.storage.Listings;
import io.stylebatch.storage.ObjectStore;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the driver checks before it touches the output: the manifest as data (every row and column) and the
 * weights from their HDF5 metadata. A problem is a {@link ConfigurationException} or a manifest exception:
 * exit 2, nothing written.
 */
final class Preflight {
  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

  private Preflight() {}

  static List<PairSpec> validatedPairs(SparkSession spark, ObjectStore store, String manifest,
      JobSettings settings) throws IOException {
    ManifestReader.Format format = ManifestReader.formatOf(manifest, settings.manifestFormat());
    ManifestReader.Contents contents = ManifestReader.read(spark, store, manifest, format);
    List<PairSpec> pairs = ManifestValidator.validate(manifest, contents.columns(), contents.rows(),
        settings.transferDefaults(), settings.maxPairMemoryBytes());
    return pairs;
  }

  /** The checked weights: whether they are random test weights, and the SHA-256 of the file's content. */
  record Weights(boolean random, String digest) {}

  /** The weights object exists and its metadata fits VGG19; its content digest is computed once per run. */
  static Weights checkWeights(ObjectStore store, JobSettings settings) throws IOException {
    if (!store.exists(settings.weightsUri())) {
      throw new ConfigurationException("VGG19 weights not found at " + Uris.redact(settings.weightsUri())
          + " (stylebatch.model.weights). Run scripts/fetch-vgg19.sh, or point the key at your copy; "
          + "scripts/make-test-weights.sh makes random weights for trials.");
    }
    try {
      java.nio.file.Path local = store.localCopy(settings.weightsUri());
      boolean random = KerasWeightsFile.check(local, settings.transferDefaults().deepestLayer());
      if (random) {
        LOG.warn("the weights {} are RANDOM test weights: the images will be textures, not art",
            Uris.redact(settings.weightsUri()));
      }
      return new Weights(random, Listings.sha256(local));
    } catch (WeightsFileException e) {
      throw new ConfigurationException("stylebatch.model.weights = " + Uris.redact(settings.weightsUri()) + ": "
          + e.getMessage());
    }
  }
}
