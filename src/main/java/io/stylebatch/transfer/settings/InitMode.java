package io.stylebatch.transfer.settings;

/** Where the optimization starts: the content photo (fastest), the style image, or seeded noise. */
public enum InitMode {
  CONTENT, STYLE, NOISE
}
