package io.stylebatch.job;

import io.stylebatch.config.ConfigurationException;
import io.stylebatch.storage.ObjectStore;
import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;

/**
 * Where a {@code --config} file comes from. A local path is used as it is; a Hadoop URI (hdfs://, s3a://)
 * is fetched first, with the {@code spark.hadoop.*} settings spark-submit was given, so that one command
 * line works in client and in cluster deploy mode (where a local path on the submitting host does not
 * exist on the driver).
 */
final class ConfigFiles {
  private ConfigFiles() {}

  static File localFile(String location) {
    if (location == null) {
      return null;
    }
    if (!ObjectStore.hasScheme(location) || location.startsWith("file:")) {
      return ObjectStore.hasScheme(location) ? new File(ObjectStore.path(location).toUri()) : new File(location);
    }
    Configuration hadoop = new Configuration();
    for (scala.Tuple2<String, String> kv : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
      hadoop.set(kv._1(), kv._2());
    }
    ObjectStore store = new ObjectStore(hadoop);
    try {
      if (!store.exists(location)) {
        throw new ConfigurationException("config file " + location + " does not exist");
      }
      return store.localCopy(location).toFile();
    } catch (IOException e) {
      throw new ConfigurationException("config file " + location + " cannot be read: " + e.getMessage(), e);
    }
  }
}
