package io.stylebatch.image;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (camera photos are often stored sideways with a tag saying how to
 * turn them), read from the APP1 segment, and its application to the decoded pixels.
 */
public final class ExifOrientation {
  private ExifOrientation() {}

  /** Orientation 1..8 from the JPEG's EXIF data; 1 (as stored) when absent or unreadable. */
  public static int read(byte[] jpeg) {
    try {
      if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
        return 1;
      }
      int i = 2;
      while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
        int marker = jpeg[i + 1] & 0xff;
        int length = u16(jpeg, i + 2, true);
        if (marker == 0xDA || marker == 0xD9) {
          return 1; // image data starts: no EXIF before it
        }
        if (marker == 0xE1 && length >= 8 && i + 10 <= jpeg.length && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x'
            && jpeg[i + 6] == 'i' && jpeg[i + 7] == 'f') {
          return fromTiff(jpeg, i + 10, Math.min(jpeg.length, i + 2 + length));
        }
        i += 2 + length;
      }
    } catch (RuntimeException e) {
      return 1;
    }
    return 1;
  }

  private static int fromTiff(byte[] b, int tiff, int end) {
    boolean bigEndian = b[tiff] == 'M';
    int ifd = tiff + (int) u32(b, tiff + 4, bigEndian);
    int entries = u16(b, ifd, bigEndian);
    for (int e = 0; e < entries; e++) {
      int entry = ifd + 2 + 12 * e;
      if (entry + 12 > end) {
        break;
      }
      if (u16(b, entry, bigEndian) == 0x0112) {
        int value = u16(b, entry + 8, bigEndian);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int i, boolean bigEndian) {
    return bigEndian ? ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff) : ((b[i + 1] & 0xff) << 8) | (b[i] & 0xff);
  }

  private static long u32(byte[] b, int i, boolean bigEndian) {
    return bigEndian ? ((long) u16(b, i, true) << 16) | u16(b, i + 2, true)
        : ((long) u16(b, i + 2, false) << 16) | u16(b, i, false);
  }

  /** The image as it should be viewed for an EXIF orientation (1 = unchanged). */
  public static BufferedImage apply(BufferedImage src, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          default -> { sx = w - 1 - y; sy = x; } // 8
        }
        out.setRGB(x, y, src.getRGB(sx, sy));
      }
    }
    return out;
  }
}
