package io.stylebatch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Every odd-but-valid image decodes to the right sRGB pixels; every broken one fails with its reason. */
class ImageCodecTest {
  private static void assertColor(int expectedRgb, int actualRgb, int tolerance, String what) {
    for (int shift : new int[] {16, 8, 0}) {
      int e = (expectedRgb >> shift) & 0xff;
      int a = (actualRgb >> shift) & 0xff;
      assertTrue(Math.abs(e - a) <= tolerance, String.format("%s: expected %06x, got %06x", what,
          expectedRgb & 0xffffff, actualRgb & 0xffffff));
    }
  }

  @Test
  void greyscaleKeepsItsValuesExactly() throws Exception {
    BufferedImage img = ImageCodec.decode(BadImageCorpus.greyscalePng(), "grey.png");
    assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
    assertColor(0x404040, img.getRGB(3, 3), 0, "grey 64 stays 64 (no linear-grey brightening)");
  }

  @Test
  void cmykJpegBecomesTheRightColours() throws Exception {
    BufferedImage img = ImageCodec.decode(BadImageCorpus.cmykJpeg(), "cmyk.jpg");
    assertColor(0xFF0000, img.getRGB(5, 5), 40, "CMYK 0/100/100/0 is red");
    assertColor(0x7F7F7F, img.getRGB(40, 5), 25, "50 % K is mid grey");
  }

  @Test
  void sixteenBitPngIsScaledTo8Bit() throws Exception {
    BufferedImage img = ImageCodec.decode(BadImageCorpus.sixteenBitPng(), "deep.png");
    assertColor(0xFF8000, img.getRGB(3, 3), 1, "65535/32768/0 is orange");
  }

  @Test
  void transparentPaletteEntriesBecomeWhite() throws Exception {
    BufferedImage img = ImageCodec.decode(BadImageCorpus.palettePngWithTransparency(), "palette.png");
    assertColor(0xFFFFFF, img.getRGB(5, 5), 0, "transparent is composited on white");
    assertColor(0x0000FF, img.getRGB(30, 5), 0, "opaque palette colour kept (index 1)");
    assertColor(0xC8320A, img.getRGB(30, 30), 0, "opaque palette colour kept (index 2)");
  }

  @Test
  void exifOrientationIsHonoured() throws Exception {
    BufferedImage img = ImageCodec.decode(BadImageCorpus.exifRotatedJpeg(), "rotated.jpg");
    assertEquals(40, img.getWidth(), "stored 60x40, viewed 40x60");
    assertEquals(60, img.getHeight());
    // Rotated 90 degrees clockwise: the stored top (red) is now on the right, the bottom (blue) on the left.
    assertColor(0xE01010, img.getRGB(35, 30), 40, "right side red");
    assertColor(0x1010E0, img.getRGB(4, 30), 40, "left side blue");
  }

  @Test
  void brokenFilesFailWithTheirReason() throws Exception {
    assertTrue(assertThrows(ImageDecodeException.class, () -> ImageCodec.decode(new byte[0], "empty.jpg"))
        .getMessage().contains("empty.jpg: file is empty"));
    assertTrue(assertThrows(ImageDecodeException.class, () -> ImageCodec.decode(
        "hello, I am text".getBytes(), "text.jpg")).getMessage().contains("text.jpg: not a PNG or JPEG"));
    String png = assertThrows(ImageDecodeException.class, () -> ImageCodec.decode(
        BadImageCorpus.truncated(BadImageCorpus.photoPng(1)), "cut.png")).getMessage();
    assertTrue(png.startsWith("cut.png: ") && (png.contains("damaged") || png.contains("not a decodable")), png);
    String jpg = assertThrows(ImageDecodeException.class, () -> ImageCodec.decode(
        BadImageCorpus.truncated(BadImageCorpus.photoJpeg(1)), "cut.jpg")).getMessage();
    assertTrue(jpg.startsWith("cut.jpg: ") && (jpg.contains("damaged") || jpg.contains("not a decodable")), jpg);
    String huge = assertThrows(ImageDecodeException.class, () -> ImageCodec.decode(
        BadImageCorpus.pngHeaderDeclaring(100_000, 100_000), "huge.png", new InputLimits(Long.MAX_VALUE, 40_000_000, 1))).getMessage();
    assertTrue(huge.contains("100000x100000") && huge.contains("stylebatch.input.max-pixels"), huge);
  }

  @Test
  void onlyPngAndJpegAreDecodedWhateverElseImageIoCouldRead() throws Exception {
    for (var e : BadImageCorpus.notPngOrJpeg().entrySet()) {
      ImageDecodeException ex = assertThrows(ImageDecodeException.class,
          () -> ImageCodec.decode(e.getValue(), "in.png"), e.getKey());
      assertEquals("in.png: not a PNG or JPEG image (detected: " + e.getKey() + ")", ex.getMessage());
    }
    // The trap this guards against: ImageIO itself takes an ICC profile (zero-led bytes) for a WBMP image.
    for (String name : java.util.List.of("ICC colour profile", "unknown binary data", "GIF")) {
      byte[] bytes = BadImageCorpus.notPngOrJpeg().get(name);
      assertTrue(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes)) != null,
          "ImageIO alone would have decoded the " + name);
    }
  }
}
