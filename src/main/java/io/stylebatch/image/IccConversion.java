package io.stylebatch.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Colours of an input tagged with an ICC profile (PNG {@code iCCP}, JPEG {@code APP2}) other than sRGB —
 * Display P3 from phones, Adobe RGB from cameras — converted to sRGB through the profile and rounded to
 * 8 bits, so the optimizer sees the colours a colour-managed
 * viewer shows. Matrix/TRC profiles are converted exactly ({@link MatrixShaper}); others through the JDK's
 * colour management (LittleCMS). A profile that cannot be used is ignored with a warning: the values are then
 * taken as sRGB.
 */
final class IccConversion {
  private static final Logger LOG = LoggerFactory.getLogger(IccConversion.class);
  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  private IccConversion() {}

  static BufferedImage toSrgb(BufferedImage image, ICC_ColorSpace profile) {
    return toSrgb(image, profile.getProfile());
  }

  /**
   * {@code image}'s samples, whatever colour model the reader gave them, read in {@code profile} and converted
   * to sRGB. Grey and alpha images keep the plain path: their profile is not applied.
   */
  static BufferedImage toSrgb(BufferedImage image, ICC_Profile profile) {
    // Only RGB samples the reader left as they are: CMYK and YCCK JPEGs are converted by their reader already.
    if (image.getColorModel().hasAlpha() || image.getRaster().getNumBands() != 3
        || image.getColorModel() instanceof java.awt.image.IndexColorModel
        || profile.getColorSpaceType() != ColorSpace.TYPE_RGB) {
      return ImageCodec.toSrgb(image);
    }
    if (java.util.Arrays.equals(profile.getData(), SRGB)) {
      return ImageCodec.toSrgb(image);
    }
    MatrixShaper shaper;
    try {
      shaper = MatrixShaper.of(profile);
    } catch (RuntimeException e) {
      LOG.warn("the image's embedded ICC profile cannot be read ({}); its values are taken as sRGB", e.toString());
      return asSrgb(image);
    }
    if (shaper != null) {
      return shaper.toSrgb(image);
    }
    try {
      return throughCmm(image, new ICC_ColorSpace(profile));
    } catch (RuntimeException e) {
      LOG.warn("the image's embedded ICC profile cannot be used ({}); its values are taken as sRGB", e.toString());
      return asSrgb(image);
    }
  }

  /**
   * The ICC profile of a PNG's {@code iCCP} chunk, read from its metadata (the reader must not ignore it), or
   * null when there is none or it cannot be parsed (then a warning says the values are taken as sRGB).
   */
  static ICC_Profile pngProfile(javax.imageio.ImageReader reader) throws java.io.IOException {
    javax.imageio.metadata.IIOMetadata metadata = reader.getImageMetadata(0);
    if (metadata == null) {
      return null;
    }
    org.w3c.dom.Node root = metadata.getAsTree("javax_imageio_png_1.0");
    for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeName().equals("iCCP") && n instanceof javax.imageio.metadata.IIOMetadataNode node) {
        try (var in = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(
            (byte[]) node.getUserObject()))) {
          return ICC_Profile.getInstance(in.readAllBytes());
        } catch (java.io.IOException | RuntimeException e) {
          LOG.warn("the PNG's iCCP profile cannot be read ({}); its values are taken as sRGB", e.toString());
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Profiles described by tables (A2B0) rather than a matrix and tone curves, through the JDK's CMM. It runs at
   * 16 bits with interpolated tables, which can be several levels off near the gamut's edges; matrix/TRC
   * profiles (sRGB, Display P3, Adobe RGB, most camera and phone profiles) are converted exactly instead.
   */
  private static BufferedImage throughCmm(BufferedImage image, ICC_ColorSpace profile) {
    int w = image.getWidth();
    int h = image.getHeight();
    ComponentColorModel cm16 = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    BufferedImage wide = new BufferedImage(cm16, cm16.createCompatibleWritableRaster(w, h), false, null);
    try {
      new ColorConvertOp(profile, ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(image.getRaster(),
          wide.getRaster());
    } catch (RuntimeException e) {
      LOG.warn("the image's embedded ICC profile cannot be applied ({}); its values are taken as sRGB", e.toString());
      return asSrgb(image);
    }
    WritableRaster raster = wide.getRaster();
    int[] px = new int[3];
    int[] packed = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, px);
        packed[y * w + x] = (to8(px[0]) << 16) | (to8(px[1]) << 8) | to8(px[2]);
      }
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, packed, 0, w);
    return out;
  }

  /** The raw samples read as sRGB (the documented fallback for a broken profile). */
  static BufferedImage asSrgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int bits = image.getColorModel().getComponentSize(0);
    double scale = 255.0 / ((1L << bits) - 1);
    int[] px = new int[image.getRaster().getNumBands()];
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.getRaster().getPixel(x, y, px);
        out.setRGB(x, y, (VggPreprocessing.toByte(px[0] * scale) << 16) | (VggPreprocessing.toByte(px[1] * scale) << 8)
            | VggPreprocessing.toByte(px[2] * scale));
      }
    }
    return out;
  }

  static int to8(int sixteen) {
    return (sixteen * 255 + 32767) / 65535;
  }
}
