package io.stylebatch.transfer;

import io.stylebatch.transfer.settings.TransferSetting;
import io.stylebatch.transfer.settings.TransferSettings;
import java.util.HashMap;
import java.util.Map;

/** Settings for tests: the reference.conf defaults with some values replaced. */
public final class TestSettings {
  private TestSettings() {}

  /** {@code changes} alternate a {@link TransferSetting} and its value. */
  public static TransferSettings of(Object... changes) {
    Map<TransferSetting<?>, Object> map = new HashMap<>();
    for (int i = 0; i < changes.length; i += 2) {
      map.put((TransferSetting<?>) changes[i], changes[i + 1]);
    }
    return TransferSettings.defaults().with(map);
  }
}
