package io.stylebatch.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic pictures (a "photo" of shapes over a gradient, and a "painting" of random
 * strokes) for benchmarks and tests that need real images without shipping files.
 */
public final class SyntheticImages {
  private SyntheticImages() {}

  public static BufferedImage photo(int width, int height, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(70, 130, 200), 0, height, new Color(230, 220, 180)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 6; i++) {
      g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
      int w = width / 6 + r.nextInt(Math.max(1, width / 3));
      int h = height / 6 + r.nextInt(Math.max(1, height / 3));
      int x = r.nextInt(Math.max(1, width - w));
      int y = r.nextInt(Math.max(1, height - h));
      if (i % 2 == 0) {
        g.fillOval(x, y, w, h);
      } else {
        g.fillRect(x, y, w, h);
      }
    }
    g.dispose();
    return img;
  }

  public static BufferedImage painting(int width, int height, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(20 + r.nextInt(60), 20 + r.nextInt(60), 60 + r.nextInt(100)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 120; i++) {
      g.setColor(new Color(r.nextInt(256), 150 + r.nextInt(106), r.nextInt(256)));
      g.setStroke(new BasicStroke(1 + r.nextInt(Math.max(2, width / 40))));
      int x = r.nextInt(width);
      int y = r.nextInt(height);
      g.drawLine(x, y, x + r.nextInt(width / 4 + 1) - width / 8, y + r.nextInt(height / 4 + 1) - height / 8);
    }
    g.dispose();
    return img;
  }
}
