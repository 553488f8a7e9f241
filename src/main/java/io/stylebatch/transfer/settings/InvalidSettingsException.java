package io.stylebatch.transfer.settings;

import java.util.List;
import java.util.stream.Collectors;

/** Transfer settings that break their rules; carries every violation, not only the first. */
public final class InvalidSettingsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<SettingViolation> violations;

  public InvalidSettingsException(List<SettingViolation> violations) {
    super(violations.stream().map(v -> v.setting().key() + ": " + v.message()).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<SettingViolation> violations() {
    return violations;
  }
}
