package io.stylebatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import io.stylebatch.config.Setting;
import io.stylebatch.image.InputLimits;
import io.stylebatch.job.executor.JobSettings;
import io.stylebatch.report.ReportSettings;
import io.stylebatch.storage.S3Settings;
import io.stylebatch.transfer.settings.TransferSetting;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Each key of {@code reference.conf} is declared by exactly one settings table, and each declared key has a default. */
class SettingTablesTest {
  @Test
  void referenceConfAndTheTablesHoldTheSameKeysEachOnce() throws IllegalAccessException {
    List<String> declared = new ArrayList<>();
    for (Class<?> table : List.of(JobSettings.class, InputLimits.class, ReportSettings.class)) {
      for (Field f : table.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == Setting.class) {
          declared.add(((Setting<?>) f.get(null)).path());
        }
      }
    }
    S3Settings.settings().forEach(s -> declared.add(s.path()));
    TransferSetting.all().forEach(s -> declared.add(s.path()));

    assertEquals(declared.size(), new TreeSet<>(declared).size(), "a key declared twice: " + declared);
    TreeSet<String> inReference = new TreeSet<>();
    leaves(ConfigFactory.defaultReference().getObject("stylebatch"), "stylebatch", inReference);
    inReference.removeIf(k -> k.startsWith("stylebatch.spark.conf"));
    assertEquals(inReference, new TreeSet<>(declared));
  }

  private static void leaves(ConfigObject object, String prefix, TreeSet<String> into) {
    object.forEach((key, value) -> {
      String path = prefix + "." + key;
      if (value instanceof ConfigObject child && !child.isEmpty()) {
        leaves(child, path, into);
      } else {
        into.add(path);
      }
    });
  }
}
