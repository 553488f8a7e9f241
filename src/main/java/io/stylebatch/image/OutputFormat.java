package io.stylebatch.image;

import java.util.Locale;

/**
 * The file formats a stylized image can be written in ({@code stylebatch.output.format}), each with its file
 * extension. Every output carries sRGB: an embedded sRGB ICC profile in PNG, JPEG and TIFF; WebP files carry
 * none, which WebP readers take as sRGB.
 */
public enum OutputFormat {
  /** 8-bit PNG, lossless: the default. */
  PNG("png", false),
  /** Baseline JPEG at {@code stylebatch.output.quality}. */
  JPEG("jpg", true),
  /** Lossy WebP at {@code stylebatch.output.quality}. */
  WEBP("webp", true),
  /** 16-bit PNG, from the optimizer's values without a round trip through 8 bits. */
  PNG16("png", false),
  /** 16-bit TIFF (deflate), likewise: for print workflows. */
  TIFF16("tif", false);

  private final String extension;
  private final boolean lossy;

  OutputFormat(String extension, boolean lossy) {
    this.extension = extension;
    this.lossy = lossy;
  }

  /** The file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** Whether {@code stylebatch.output.quality} applies. */
  public boolean lossy() {
    return lossy;
  }

  /** The setting's value, as written in configuration and manifests. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
