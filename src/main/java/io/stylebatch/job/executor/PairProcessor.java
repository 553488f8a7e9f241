package io.stylebatch.job.executor;

import io.stylebatch.config.Uris;
import io.stylebatch.image.ImageDecodeException;
import io.stylebatch.image.ImageEncoder;
import io.stylebatch.image.OutputFormat;
import io.stylebatch.job.gpu.GpuBinding;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.output.PairRecords;
import io.stylebatch.output.Provenance;
import io.stylebatch.storage.InputImages;
import io.stylebatch.storage.InputImages.InputException;
import io.stylebatch.storage.Listings;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.transfer.ScaleSchedule;
import io.stylebatch.transfer.StyleTransferEngine;
import io.stylebatch.transfer.TransferResult;
import io.stylebatch.transfer.objective.ImageTooSmallException;
import io.stylebatch.transfer.objective.StyleTargets;
import io.stylebatch.transfer.optim.OptimizationFailedException;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor side of one pair: read both images, get the (cached) weights and style targets, run the
 * engine, write the image atomically, and turn anything that goes wrong into a FAILED outcome with a
 * precise reason, so one bad pair never fails the task or the job.
 */
public final class PairProcessor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PairProcessor.class);

  private final JobSettings settings;
  private final ObjectStore store;
  private final OutputLayout layout;
  private final JobCounters counters;
  private final String weightsDigest;

  /** @param weightsDigest SHA-256 of the weights file this run uses (recorded, and keys the executor's cache) */
  public PairProcessor(JobSettings settings, ObjectStore store, OutputLayout layout, JobCounters counters,
      String weightsDigest) {
    this.settings = settings;
    this.store = store;
    this.layout = layout;
    this.counters = counters;
    this.weightsDigest = weightsDigest;
  }

  public JobSettings settings() {
    return settings;
  }

  public OutputLayout layout() {
    return layout;
  }

  /**
   * Runs a task's pairs one after another and writes each outcome as its completion record. A retried task
   * (attempt &gt; 0) first looks for a record an earlier attempt wrote for this provenance, so the pairs finished
   * before an executor was lost are not computed twice.
   */
  public TaskStatus processAll(List<PairTask> tasks, String executorId, int attempt) {
    int succeeded = 0;
    int failed = 0;
    List<PairOutcome> unrecorded = new ArrayList<>();
    for (PairTask task : tasks) {
      PairOutcome outcome = attempt > 0 ? finishedBefore(task) : null;
      if (outcome == null) {
        outcome = process(task, executorId, attempt);
        try {
          PairRecords.write(store, layout, outcome);
        } catch (IOException | RuntimeException e) {
          String reason = "the completion record cannot be written: " + Uris.redactText(describe(e));
          LOG.warn("pair {}: {}", task.pair().id(), reason, e);
          outcome = failed(outcome, outcome.succeeded() ? reason : outcome.error() + "; " + reason);
          unrecorded.add(outcome);
        }
      }
      succeeded += outcome.succeeded() ? 1 : 0;
      failed += outcome.succeeded() ? 0 : 1;
    }
    return new TaskStatus(succeeded, failed, unrecorded);
  }

  /** The success an earlier attempt of this task recorded for exactly this pair and provenance, or null. */
  private PairOutcome finishedBefore(PairTask task) {
    PairOutcome record = PairRecords.read(store, layout, task.pair().id());
    Provenance wanted = provenance(task);
    if (record != null && record.succeeded() && wanted.equals(record.provenance())
        && task.pair().contentUri().equals(record.contentUri()) && task.pair().styleUri().equals(record.styleUri())) {
      LOG.info("pair {}: finished by an earlier attempt of this task, not recomputed", task.pair().id());
      counters.evaluationsDone(ScaleSchedule.of(task.pair().settings()).evaluations());
      counters.pairFinished(true);
      return record;
    }
    return null;
  }

  private Provenance provenance(PairTask task) {
    return new Provenance(task.pair().settings().fingerprint(), weightsDigest, task.contentVersion(),
        task.styleVersion());
  }

  private static PairOutcome failed(PairOutcome o, String reason) {
    return new PairOutcome(o.id(), o.contentUri(), o.styleUri(), o.outputUri(), PairOutcome.FAILED, reason, null,
        null, null, null, null, null, o.durationMs(), null, o.executorId(), o.attempt(), o.provenance(), null, null,
        null, List.of());
  }

  /** Runs one pair; never throws for a problem of the pair itself. The caller records the outcome. */
  public PairOutcome process(PairTask task, String executorId, int attempt) {
    PairSpec pair = task.pair();
    long start = System.nanoTime();
    long[] reported = {0}; // evaluations of this pair already added to the progress counter
    TransferSettings s = pair.settings();
    OutputFormat format = s.get(TransferSetting.OUTPUT_FORMAT);
    String outputUri = layout.imageUri(pair.id(), format);
    Provenance provenance = provenance(task);
    ScaleSchedule schedule = ScaleSchedule.of(s);
    LOG.info("pair {}: started (content {}, style {}, {} evaluations at {} px, attempt {})", pair.id(),
        Uris.redact(pair.contentUri()), Uris.redact(pair.styleUri()), schedule.evaluations(), schedule.sizes(), attempt);
    try {
      io.stylebatch.model.NativeThreads.apply(settings.threadsPerTask());
      GpuBinding.bindCurrentTask(pair.id());
      BufferedImage content = readImage("content_uri", pair.contentUri());
      BufferedImage[] style = new BufferedImage[1];
      int budget = schedule.evaluations();
      long transfer = 0;
      long model = System.nanoTime();
      List<SharedNative.Lease<?>> leases = new ArrayList<>();
      TransferResult result;
      try {
        SharedNative.Lease<StyleTransferEngine> engineLease = ExecutorModels.engine(store, settings.weightsUri(),
            weightsDigest, settings.transferDefaults().deepestLayer(), counters::weightsLoaded);
        leases.add(engineLease);
        StyleTransferEngine engine = engineLease.get();
        transfer = System.nanoTime();
        StyleTransferEngine.StyleTargetSource targets = scale -> {
          SharedNative.Lease<StyleTargets> lease = ExecutorModels.styleTargets(weightsDigest + "|" + pair.styleUri()
              + "|" + task.styleVersion() + "|" + scale.styleSize() + "|" + scale.get(TransferSetting.STYLE_LAYERS)
              + "|" + scale.get(TransferSetting.POOLING), settings.styleCacheEntries(), () -> {
                if (style[0] == null) {
                  style[0] = readImageUnchecked("style_uri", pair.styleUri());
                }
                return engine.styleTargets(style[0], scale, settings.maxPairMemoryBytes());
              }, counters::styleTargetsComputed);
          leases.add(lease);
          return lease.get();
        };
        if (s.get(TransferSetting.INIT) == io.stylebatch.transfer.settings.InitMode.STYLE && style[0] == null) {
          style[0] = readImage("style_uri", pair.styleUri());
        }
        result = engine.run(content, style[0], targets, s, settings.maxPairMemoryBytes(), record -> {
          counters.evaluationsDone(record.evaluations() - reported[0]);
          reported[0] = record.evaluations();
          if (record.iteration() % s.get(TransferSetting.LOG_INTERVAL) == 0) {
            LOG.info(String.format(Locale.ROOT, "pair %s: iteration %d (evaluation %d/%d) total=%.4g content=%.4g "
                + "style=%.4g tv=%.4g", pair.id(), record.iteration(), record.evaluations(), budget,
                record.losses().total(), record.losses().content(), record.losses().style(), record.losses().tv()));
          }
        });
      } finally {
        leases.forEach(SharedNative.Lease::close);
      }
      long output = System.nanoTime();
      byte[] encoded = ImageEncoder.encode(result.pixels(), format, s.get(TransferSetting.OUTPUT_QUALITY));
      store.writeAtomically(outputUri, encoded);
      long ms = (System.nanoTime() - start) / 1_000_000;
      PairOutcome outcome = new PairOutcome(pair.id(), pair.contentUri(), pair.styleUri(), outputUri,
          PairOutcome.SUCCEEDED, null, result.iterations(), result.evaluations(), result.finalLosses().content(),
          result.finalLosses().style(), result.finalLosses().tv(), result.finalLosses().total(), ms,
          result.durationMs(), executorId, attempt, provenance, (long) encoded.length, Listings.sha256(encoded), result.scales(),
          result.lossLog());
      counters.evaluationsDone(budget - reported[0]);
      counters.pairFinished(true);
      LOG.info("pair {}: SUCCEEDED in {} ms (read inputs {} ms, model {} ms, style targets and optimization {} ms, "
          + "write image {} ms), final total loss {}", pair.id(), ms, (model - start) / 1_000_000,
          (transfer - model) / 1_000_000, result.durationMs(), (System.nanoTime() - output) / 1_000_000,
          result.finalLosses().total());
      return outcome;
    } catch (Exception | OutOfMemoryError e) {
      // Other JVM Errors kill the task (Spark retries it). An OutOfMemoryError is mostly JavaCPP refusing a native
      // allocation over its limit for this pair's size: a retry would fail the same way, so it is the pair's failure.
      long ms = (System.nanoTime() - start) / 1_000_000;
      String reason = Uris.redactText(describe(e));
      counters.evaluationsDone(ScaleSchedule.of(pair.settings()).evaluations() - reported[0]);
      counters.pairFinished(false);
      // The row keeps one line; the log keeps the whole chain of causes.
      LOG.warn("pair {}: FAILED after {} ms: {}", pair.id(), ms, reason, e);
      return new PairOutcome(pair.id(), pair.contentUri(), pair.styleUri(), outputUri, PairOutcome.FAILED, reason,
          null, null, null, null, null, null, ms, null, executorId, attempt, provenance, null, null, null, List.of());
    }
  }

  private BufferedImage readImage(String column, String uri) throws IOException {
    return InputImages.read(store, column, uri, settings.input());
  }

  private BufferedImage readImageUnchecked(String column, String uri) {
    try {
      return readImage(column, uri);
    } catch (IOException e) {
      throw new InputException(column + " " + uri + ": cannot be read: " + e.getMessage(), e);
    }
  }

  static String describe(Throwable e) {
    if (e instanceof InputException || e instanceof ImageDecodeException || e instanceof ImageTooSmallException) {
      return e.getMessage();
    }
    if (e instanceof OptimizationFailedException) {
      return "optimization failed: " + e.getMessage();
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory (" + e.getMessage() + "); reduce stylebatch.transfer.image-size or add executor memory";
    }
    String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    return e.getClass().getSimpleName() + message;
  }
}
