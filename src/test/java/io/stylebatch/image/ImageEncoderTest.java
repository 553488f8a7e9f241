package io.stylebatch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** Every output format writes a decodable image of the right size that says it is sRGB; 16 bits keep precision. */
class ImageEncoderTest {
  /** A smooth horizontal ramp over 600 px: 600 distinct values between 10 and 200 on the 0–255 scale. */
  private static RgbImage ramp() {
    int w = 600;
    int h = 8;
    double[] rgb = new double[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = 3 * (y * w + x);
        rgb[i] = 10 + 190.0 * x / (w - 1);
        rgb[i + 1] = 60;
        rgb[i + 2] = 200 - 190.0 * x / (w - 1);
      }
    }
    return new RgbImage(w, h, rgb);
  }

  private static ImageReader reader(byte[] bytes) throws Exception {
    ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
    ImageReader reader = ImageIO.getImageReaders(in).next();
    reader.setInput(in);
    return reader;
  }

  @Test
  void everyFormatDecodesToTheSameImageSize() throws Exception {
    for (OutputFormat format : OutputFormat.values()) {
      byte[] bytes = ImageEncoder.encode(ramp(), format, 90);
      BufferedImage back = reader(bytes).read(0);
      assertEquals(600, back.getWidth(), format.toString());
      assertEquals(8, back.getHeight(), format.toString());
      int red = (back.getRGB(599, 4) >> 16) & 0xff;
      assertTrue(Math.abs(red - 200) <= 6, format + ": the last column is red ~200, got " + red);
    }
  }

  @Test
  void sixteenBitOutputsKeepMoreThan256LevelsOfASmoothRamp() throws Exception {
    for (OutputFormat format : new OutputFormat[] {OutputFormat.PNG16, OutputFormat.TIFF16}) {
      Raster raster = reader(ImageEncoder.encode(ramp(), format, 90)).read(0).getRaster();
      assertEquals(16, raster.getSampleModel().getSampleSize(0), format.toString());
      Set<Integer> levels = new HashSet<>();
      for (int x = 0; x < 600; x++) {
        levels.add(raster.getSample(x, 4, 0));
      }
      assertTrue(levels.size() > 256, format + ": " + levels.size() + " distinct red levels");
    }
    Set<Integer> eightBit = new HashSet<>();
    BufferedImage png = reader(ImageEncoder.encode(ramp(), OutputFormat.PNG, 90)).read(0);
    for (int x = 0; x < 600; x++) {
      eightBit.add((png.getRGB(x, 4) >> 16) & 0xff);
    }
    assertTrue(eightBit.size() <= 191, "8 bits cannot: " + eightBit.size());
  }

  @Test
  void pngJpegAndTiffCarryTheSrgbProfile() throws Exception {
    byte[] srgb = ImageEncoder.srgbProfile().getData();
    for (OutputFormat format : new OutputFormat[] {OutputFormat.PNG, OutputFormat.PNG16}) {
      ImageReader r = reader(ImageEncoder.encode(ramp(), format, 90));
      IIOMetadataNode iccp = (IIOMetadataNode) ((IIOMetadataNode) r.getImageMetadata(0)
          .getAsTree("javax_imageio_png_1.0")).getElementsByTagName("iCCP").item(0);
      assertEquals("sRGB", iccp.getAttribute("profileName"), format.toString());
      byte[] profile = new InflaterInputStream(new ByteArrayInputStream((byte[]) iccp.getUserObject())).readAllBytes();
      assertTrue(java.util.Arrays.equals(srgb, profile), format + ": the embedded profile is sRGB");
    }
    byte[] jpeg = ImageEncoder.encode(ramp(), OutputFormat.JPEG, 90);
    assertTrue(new String(jpeg, StandardCharsets.ISO_8859_1).contains("ICC_PROFILE"), "JPEG APP2 ICC_PROFILE");
    IIOMetadataNode app2 = (IIOMetadataNode) ((IIOMetadataNode) reader(jpeg).getImageMetadata(0)
        .getAsTree("javax_imageio_jpeg_image_1.0")).getElementsByTagName("app2ICC").item(0);
    assertTrue(java.util.Arrays.equals(srgb, ((ICC_Profile) app2.getUserObject()).getData()), "JPEG APP2 is sRGB");
    TIFFDirectory tiff = TIFFDirectory.createFromMetadata(reader(ImageEncoder.encode(ramp(), OutputFormat.TIFF16, 90))
        .getImageMetadata(0));
    assertTrue(java.util.Arrays.equals(srgb, tiff.getTIFFField(34675).getAsBytes()), "TIFF ICC profile tag");
  }

  @Test
  void qualityChangesTheLossyFormatsOnly() {
    for (OutputFormat format : OutputFormat.values()) {
      byte[] low = ImageEncoder.encode(ramp(), format, 20);
      byte[] high = ImageEncoder.encode(ramp(), format, 95);
      assertEquals(format.lossy(), !java.util.Arrays.equals(low, high), format.toString());
    }
  }
}
