/**
 * The transfer and output settings, declared once in the {@link io.stylebatch.transfer.settings.TransferSetting}
 * table (key, manifest column, parser, range, whether it changes the image), and their validated, immutable
 * value object {@link io.stylebatch.transfer.settings.TransferSettings}. Errors are {@code SettingViolation} data.
 */
package io.stylebatch.transfer.settings;
