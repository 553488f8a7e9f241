package io.stylebatch.transfer.settings;

import java.io.Serializable;

/**
 * One invalid setting, as data: which setting (its key in {@link TransferSetting}, or a joint rule such as
 * "style-layer-weights" against "style-layers"), the offending value and why. The edges (config loader,
 * manifest validator) turn it into text with their own location (config key, row and column).
 */
public record SettingViolation(TransferSetting<?> setting, Object value, String message) implements Serializable {}
