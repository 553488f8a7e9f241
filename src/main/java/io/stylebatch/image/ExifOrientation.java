package io.stylebatch.image;

import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * The EXIF orientation of a JPEG (camera photos are often stored sideways with a tag saying how to
 * turn them), read from the APP1 segment, and its application to the decoded pixels.
 */
public final class ExifOrientation {
  private ExifOrientation() {}

  /** Orientation 1..8 from the JPEG's EXIF data (TwelveMonkeys' metadata reader); 1 when absent or unreadable. */
  public static int read(byte[] jpeg) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      if (exif.isEmpty()) {
        return 1;
      }
      InputStream data = exif.get(0).data();
      if (data.read() < 0) { // the pad byte after "Exif\0"
        return 1;
      }
      try (ImageInputStream tiff = ImageIO.createImageInputStream(data)) {
        Entry entry = new TIFFReader().read(tiff).getEntryById(TIFF.TAG_ORIENTATION);
        int value = entry == null ? 1 : ((Number) entry.getValue()).intValue();
        return value >= 1 && value <= 8 ? value : 1;
      }
    } catch (IOException | RuntimeException e) {
      return 1;
    }
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
