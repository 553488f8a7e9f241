package io.stylebatch.job;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.holdenkarau.spark.testing.SharedJavaSparkContext;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real local Spark (2 task slots) shared by a test class, from spark-testing-base. Its JUnit 4
 * lifecycle hooks are driven from Jupiter here.
 */
public abstract class SparkTestBase extends JavaDataFrameSuiteBase {
  @Override
  public SparkConf conf() {
    return new SparkConf().setMaster("local[2]").setAppName(getClass().getSimpleName())
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.speculation", "false");
  }

  @BeforeEach
  void startSpark() {
    runBefore();
  }

  @AfterAll
  static void stopSpark() {
    SharedJavaSparkContext.runAfterClass();
  }
}
