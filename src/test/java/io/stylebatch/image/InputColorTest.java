package io.stylebatch.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.tools.SyntheticImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * Inputs tagged with a wide-gamut profile are converted to sRGB through it: an image whose Display P3 or
 * Adobe RGB pixels, correctly converted, equal a given sRGB image decodes to that image within one level.
 */
class InputColorTest {
  private static int maxDifference(BufferedImage expected, BufferedImage actual) {
    int worst = 0;
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        int a = expected.getRGB(x, y);
        int b = actual.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          worst = Math.max(worst, Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)));
        }
      }
    }
    return worst;
  }

  @Test
  void displayP3AndAdobeRgbPngsAreSeenAsTheirSrgbColours() throws Exception {
    BufferedImage srgb = SyntheticImages.photo(64, 48, 7);
    for (TaggedImages.Space space : new TaggedImages.Space[] {TaggedImages.displayP3(), TaggedImages.adobeRgb()}) {
      byte[] tagged = TaggedImages.taggedPng16(srgb, space);
      BufferedImage untagged = ImageCodec.decode(ImageEncoder.encode(RgbImage.of(srgb), OutputFormat.PNG, 90), "x");
      int ignoringProfile = maxDifference(srgb, rawValues(tagged));
      assertTrue(ignoringProfile > 8, space.name() + ": the encoded values differ visibly from sRGB ("
          + ignoringProfile + " levels), so a decoder ignoring the profile would fail");
      BufferedImage seen = ImageCodec.decode(tagged, space.name());
      int difference = maxDifference(srgb, seen);
      assertTrue(difference <= 1, space.name() + ": converted colours within 1 level, off by " + difference);
      assertTrue(maxDifference(srgb, untagged) == 0, "an sRGB-tagged PNG is read as it is");
    }
  }

  private static double meanDifference(BufferedImage expected, BufferedImage actual) {
    double sum = 0;
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        int a = expected.getRGB(x, y);
        int b = actual.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
      }
    }
    return sum / (3.0 * expected.getWidth() * expected.getHeight());
  }

  @Test
  void aDisplayP3JpegIsConvertedThroughItsApp2Profile() throws Exception {
    BufferedImage srgb = SyntheticImages.photo(64, 48, 9);
    byte[] jpeg = TaggedImages.taggedJpeg(srgb, TaggedImages.displayP3());
    double converted = meanDifference(srgb, ImageCodec.decode(jpeg, "p3.jpg"));
    // The baselines: the same colours as an untagged sRGB JPEG (JPEG's own loss), and the tagged file's values
    // taken as sRGB (what ignoring the profile gives).
    double lossOnly = meanDifference(srgb, ImageCodec.decode(TaggedImages.srgbJpeg(srgb), "srgb.jpg"));
    double ignored = meanDifference(srgb, ImageCodec.decode(TaggedImages.withoutProfile(jpeg), "untagged.jpg"));
    System.out.printf("P3 JPEG: mean difference %.2f converted, %.2f for an sRGB JPEG, %.2f ignoring the profile%n",
        converted, lossOnly, ignored);
    assertTrue(converted < lossOnly + 1 && converted < ignored - 3, "converted " + converted + ", JPEG loss alone "
        + lossOnly + ", profile ignored " + ignored);
  }

  @Test
  void aBrokenProfileFallsBackToSrgbInsteadOfFailing() throws Exception {
    BufferedImage srgb = SyntheticImages.photo(32, 24, 3);
    byte[] png = TaggedImages.pngWithProfileBytes(srgb, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertTrue(maxDifference(srgb, ImageCodec.decode(png, "broken-profile.png")) == 0,
        "values taken as sRGB, as documented");
  }

  /** The tagged file's pixel values read as if they were sRGB: what ignoring the profile gives. */
  private static BufferedImage rawValues(byte[] png) throws Exception {
    java.awt.image.Raster raster = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getRaster();
    BufferedImage out = new BufferedImage(raster.getWidth(), raster.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < raster.getHeight(); y++) {
      for (int x = 0; x < raster.getWidth(); x++) {
        int r = raster.getSample(x, y, 0) >> 8;
        int g = raster.getSample(x, y, 1) >> 8;
        int b = raster.getSample(x, y, 2) >> 8;
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }
}
