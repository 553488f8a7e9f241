package io.stylebatch.transfer.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stylebatch.model.Vgg19Layer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The size a too-small image is told to use works at the image's own aspect ratio, however extreme. */
class ImageTooSmallExceptionTest {
  private static final Pattern SUGGESTED = Pattern.compile("use a size of at least (\\d+)");

  @Test
  void theSuggestedSizeWorksAndIsTheSmallestThatDoes() {
    int[][] shapes = {{16, 4000}, {4000, 16}, {20, 4000}, {64, 48}, {17, 1001}, {3, 2999}};
    for (int[] shape : shapes) {
      ImageTooSmallException e = assertThrows(ImageTooSmallException.class, () -> ImageTooSmallException.check(
          "content image", shape[0], shape[1], 16, Vgg19Layer.RELU5_1));
      Matcher m = SUGGESTED.matcher(e.getMessage());
      org.junit.jupiter.api.Assertions.assertTrue(m.find(), e.getMessage());
      int size = Integer.parseInt(m.group(1));
      ImageTooSmallException.check("content image", shape[0], shape[1], size, Vgg19Layer.RELU5_1);
      assertThrows(ImageTooSmallException.class, () -> ImageTooSmallException.check("content image", shape[0],
          shape[1], size - 1, Vgg19Layer.RELU5_1), "the smallest: " + size);
    }
    assertEquals(16, ImageTooSmallException.minimumSide(Vgg19Layer.RELU5_1));
  }
}
