package io.stylebatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.job.executor.PairProcessor;
import io.stylebatch.job.executor.PairTask;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.output.OutputLayout;
import io.stylebatch.output.PairOutcome;
import io.stylebatch.storage.ObjectStore;
import io.stylebatch.storage.S3Settings;
import io.stylebatch.transfer.TestSettings;
import io.stylebatch.transfer.settings.InitMode;
import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Everything shipped to executors survives Spark's Java serializer with its values intact. */
class SerializationTest {
  private final SerializerInstance serializer = new JavaSerializer(new SparkConf()).newInstance();

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    var tag = ClassTag$.MODULE$.<T>apply(value.getClass());
    return (T) serializer.deserialize(serializer.serialize(value, tag), tag);
  }

  @Test
  void shippedObjectsRoundTrip() {
    TransferSettings settings = TestSettings.of(TransferSetting.ITERATIONS, 7, TransferSetting.INIT, InitMode.NOISE, TransferSetting.SEED, 3L);
    assertEquals(settings, roundTrip(settings));
    PairSpec pair = new PairSpec(4, "p-1", "s3a://b/c.jpg", "s3a://b/s.png", settings);
    assertEquals(pair, roundTrip(pair));
    JobSettings job = new JobSettings("s3a://m/vgg.h5", "auto", new io.stylebatch.image.InputLimits(1000, 2000, 16),
        1L << 33, 0.1, 5, 1, java.time.Duration.ofMinutes(10), 8.0, "app", settings,
        new S3Settings(Map.of("fs.s3a.endpoint", "http://127.0.0.1:1", "fs.s3a.path.style.access", "true"), "magic"),
        new io.stylebatch.report.ReportSettings(true, 128, 10), JobSettings.VERIFY_DIGEST, 8);
    assertEquals(job, roundTrip(job));
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:9");
    ObjectStore store = roundTrip(new ObjectStore(conf));
    assertEquals("http://127.0.0.1:9", store.hadoopConf().get("fs.s3a.endpoint"));
    OutputLayout layout = new OutputLayout("s3a://b/out/");
    assertEquals(layout, roundTrip(layout));
    PairOutcome outcome = new PairOutcome("p", "c", "s", "o", PairOutcome.FAILED, "why", null, null, null, null, null, null,
        5, null, "1", 0, new io.stylebatch.output.Provenance("f", "w", "c1", "s1"), null, null, null, List.of());
    assertEquals(outcome, roundTrip(outcome));
    PairProcessor processor = roundTrip(new PairProcessor(job, store, layout, null, "digest"));
    PairTask task = new PairTask(pair, "etag:1", "size:2,mtime:3");
    assertEquals(task, roundTrip(task));
    assertEquals(job, processor.settings(), "the executor side must see the driver's settings");
    assertEquals(layout, processor.layout());
  }
}
