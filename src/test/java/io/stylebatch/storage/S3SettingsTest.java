package io.stylebatch.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stylebatch.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Only what the configuration sets reaches fs.s3a.*; the cluster's own values stay otherwise. */
class S3SettingsTest {
  @Test
  void unsetKeysLeaveTheClustersValuesAlone() {
    Configuration cluster = new Configuration(false);
    cluster.set("fs.s3a.path.style.access", "true");
    cluster.set("fs.s3a.retry.limit", "9");
    cluster.set("fs.s3a.endpoint", "https://s3.cluster.example");
    S3Settings.from(ConfigLoader.load(null, List.of())).applyTo(cluster);
    assertEquals("true", cluster.get("fs.s3a.path.style.access"));
    assertEquals("9", cluster.get("fs.s3a.retry.limit"));
    assertEquals("https://s3.cluster.example", cluster.get("fs.s3a.endpoint"));
    assertEquals("magic", cluster.get("fs.s3a.committer.name"), "the tables' committer is the product's choice");
    assertNull(cluster.get("fs.s3a.retry.throttle.limit"));
  }

  @Test
  void givenKeysAreAppliedAndThrottlingHasItsOwn() {
    S3Settings s = S3Settings.from(ConfigLoader.load(null, List.of("stylebatch.s3.retry.limit=2",
        "stylebatch.s3.retry.throttle-limit=20", "stylebatch.s3.retry.interval=200ms",
        "stylebatch.s3.path-style-access=false", "stylebatch.s3.committer=file",
        "stylebatch.s3.retry.connect-timeout=2s")));
    assertEquals(Map.of("fs.s3a.retry.limit", "2", "fs.s3a.retry.throttle.limit", "20",
        "fs.s3a.retry.interval", "200ms", "fs.s3a.path.style.access", "false",
        "fs.s3a.connection.establish.timeout", "2000"), s.hadoopSettings(), "the connect timeout in plain ms");
  }
}
