package io.stylebatch.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The formats the product decodes, recognised by their signatures — never by whichever ImageIO reader
 * claims the bytes (the JDK's WBMP reader "decodes" almost any file that starts with two zero bytes).
 * Other content is named, so that an error can say what a file actually is.
 */
public enum ImageFormat {
  PNG("png"),
  JPEG("jpeg");

  private final String readerFormat;

  ImageFormat(String readerFormat) {
    this.readerFormat = readerFormat;
  }

  /** The ImageIO format name whose readers decode this format. */
  String readerFormat() {
    return readerFormat;
  }

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** The supported format of {@code bytes}, or null if they are not PNG or JPEG. */
  public static ImageFormat of(byte[] bytes) {
    if (startsWith(bytes, 0, PNG_SIGNATURE)) {
      return PNG;
    }
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF) {
      return JPEG;
    }
    return null;
  }

  /** What other content is, from its signature, for error messages ("GIF", "PDF", ... or "unknown"). */
  public static String describe(byte[] bytes) {
    if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) {
      return "GIF";
    }
    if (ascii(bytes, 0, "BM")) {
      return "BMP";
    }
    if (ascii(bytes, 0, "II*\0") || ascii(bytes, 0, "MM\0*")) {
      return "TIFF";
    }
    if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
      return "WebP";
    }
    if (ascii(bytes, 4, "ftyp")) {
      String brand = new String(Arrays.copyOfRange(bytes, 8, Math.min(bytes.length, 12)), StandardCharsets.US_ASCII);
      return brand.startsWith("avif") ? "AVIF" : brand.startsWith("hei") || brand.startsWith("mif") ? "HEIF"
          : "ISO media (" + brand.trim() + ")";
    }
    if (ascii(bytes, 0, "%PDF")) {
      return "PDF";
    }
    if (ascii(bytes, 0, "PK\u0003\u0004")) {
      return "ZIP";
    }
    if (ascii(bytes, 36, "acsp")) {
      return "ICC colour profile";
    }
    if (ascii(bytes, 0, "8BPS")) {
      return "Photoshop PSD";
    }
    if (bytes.length >= 2 && bytes[0] == 0 && (bytes[1] == 0 || bytes[1] == 1)) {
      return "unknown binary data";
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (head.contains("<svg")) {
      return "SVG";
    }
    if (head.contains("<html") || head.contains("<!doctype html")) {
      return "HTML";
    }
    return head.chars().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c != 0xFFFD)) ? "text"
        : "unknown";
  }

  private static boolean ascii(byte[] bytes, int offset, String text) {
    return startsWith(bytes, offset, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    if (bytes.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
