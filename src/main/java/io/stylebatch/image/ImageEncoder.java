package io.stylebatch.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a stylized image in its {@link OutputFormat}, with the sRGB ICC profile embedded where the format has
 * a place for it (PNG {@code iCCP}, JPEG {@code APP2}, TIFF tag 34675), so colour-managed viewers and print
 * workflows see the colours the optimizer made. Encoders are the JDK's ImageIO writers and, for WebP, the
 * {@code webp-imageio} plugin (libwebp).
 */
public final class ImageEncoder {
  private static final int TIFF_ICC_PROFILE = 34675;
  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  private ImageEncoder() {}

  /**
   * @param quality 1–100, for the lossy formats; ignored by the others
   */
  public static byte[] encode(RgbImage image, OutputFormat format, int quality) {
    try {
      return switch (format) {
        case PNG -> png(image.to8Bit());
        case PNG16 -> png(image.to16Bit());
        case JPEG -> jpeg(image.to8Bit(), quality);
        case WEBP -> webp(image.to8Bit(), quality);
        case TIFF16 -> tiff(image.to16Bit());
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the image as " + format.settingValue(), e);
    }
  }

  /** The sRGB profile the outputs carry. */
  public static ICC_Profile srgbProfile() {
    return ICC_Profile.getInstance(SRGB);
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ImageWriter writer = writer("png");
    try {
      IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
      IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
      iccp.setAttribute("profileName", "sRGB");
      iccp.setAttribute("compressionMethod", "deflate");
      iccp.setUserObject(deflate(SRGB));
      root.appendChild(iccp);
      metadata.mergeTree("javax_imageio_png_1.0", root);
      return write(writer, image, metadata, null);
    } finally {
      writer.dispose();
    }
  }

  private static byte[] jpeg(BufferedImage image, int quality) throws IOException {
    ImageWriter writer = writer("jpeg");
    try {
      ImageWriteParam param = explicit(writer, null, quality);
      IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
      IIOMetadataNode jfif = (IIOMetadataNode) root.getElementsByTagName("app0JFIF").item(0);
      IIOMetadataNode icc = new IIOMetadataNode("app2ICC");
      icc.setUserObject(srgbProfile());
      jfif.appendChild(icc);
      metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
      return write(writer, image, metadata, param);
    } finally {
      writer.dispose();
    }
  }

  private static byte[] webp(BufferedImage image, int quality) throws IOException {
    ImageWriter writer = writer("webp");
    try {
      return write(writer, image, null, explicit(writer, "lossy", quality));
    } finally {
      writer.dispose();
    }
  }

  /**
   * Write parameters with an explicit quality (1–100) and, when {@code type} is given, the writer's compression
   * type of that name, in any letter case (webp-imageio lists "Lossy" and "Lossless").
   */
  private static ImageWriteParam explicit(ImageWriter writer, String type, int quality) {
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    if (type != null) {
      String[] types = param.getCompressionTypes();
      param.setCompressionType(java.util.Arrays.stream(types).filter(type::equalsIgnoreCase).findFirst()
          .orElseThrow(() -> new IllegalStateException("the writer offers no " + type + " compression: "
              + String.join(", ", types))));
    }
    param.setCompressionQuality(quality / 100f);
    return param;
  }

  private static byte[] tiff(BufferedImage image) throws IOException {
    ImageWriter writer = writer("tiff");
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType("Deflate");
      IIOMetadata defaults = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      TIFFDirectory directory = TIFFDirectory.createFromMetadata(defaults);
      TIFFTag tag = new TIFFTag("ICC Profile", TIFF_ICC_PROFILE, 1 << TIFFTag.TIFF_UNDEFINED);
      directory.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_UNDEFINED, SRGB.length, SRGB.clone()));
      return write(writer, image, directory.getAsMetadata(), param);
    } finally {
      writer.dispose();
    }
  }

  private static ImageWriter writer(String format) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
    if (!writers.hasNext()) {
      throw new IllegalStateException("no ImageIO writer for " + format + " on the classpath");
    }
    return writers.next();
  }

  private static byte[] write(ImageWriter writer, BufferedImage image, IIOMetadata metadata, ImageWriteParam param)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, metadata), param);
    }
    return bytes.toByteArray();
  }

  private static byte[] deflate(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
      z.write(data);
    }
    return out.toByteArray();
  }

}
