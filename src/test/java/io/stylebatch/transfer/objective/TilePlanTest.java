package io.stylebatch.transfer.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.model.Vgg19Layer;
import org.junit.jupiter.api.Test;

class TilePlanTest {
  @Test
  void strideAndHaloFollowTheDeepestLayer() {
    assertEquals(16, TilePlan.stride(Vgg19Layer.RELU5_1));
    assertEquals(80, TilePlan.halo(Vgg19Layer.RELU5_1), "VGG19's relu5_1: 156 px receptive field");
    assertEquals(8, TilePlan.stride(Vgg19Layer.RELU4_2));
    assertEquals(40, TilePlan.halo(Vgg19Layer.RELU4_2), "5 cells of 8 px");
    assertEquals(1, TilePlan.stride(Vgg19Layer.RELU1_1));
    assertEquals(1, TilePlan.halo(Vgg19Layer.RELU1_1));
    assertEquals(4, TilePlan.halo(Vgg19Layer.RELU2_1));
  }

  @Test
  void interiorsPartitionTheImageOnTheStrideGridWithClippedHalos() {
    for (int[] size : new int[][] {{1030, 517}, {1024, 1024}, {77, 300}, {16, 16}}) {
      TilePlan plan = TilePlan.of(size[0], size[1], 250, Vgg19Layer.RELU5_1);
      int[][] covered = new int[size[0]][size[1]];
      for (TilePlan.Tile t : plan.tiles()) {
        for (int edge : new int[] {t.top(), t.left()}) {
          assertEquals(0, edge % 16, "interior starts on the stride grid: " + t);
        }
        assertTrue(t.bottom() % 16 == 0 || t.bottom() == size[0], "ends on the grid or at the image edge: " + t);
        assertTrue(t.right() % 16 == 0 || t.right() == size[1], "ends on the grid or at the image edge: " + t);
        assertTrue(t.bottom() - t.top() >= 16 || size[0] < 16, "no band narrower than the stride: " + t);
        assertEquals(Math.max(0, t.top() - 80), t.windowTop());
        assertEquals(Math.min(size[0], t.bottom() + 80), t.windowBottom());
        assertEquals(Math.max(0, t.left() - 80), t.windowLeft());
        assertEquals(Math.min(size[1], t.right() + 80), t.windowRight());
        for (int y = t.top(); y < t.bottom(); y++) {
          for (int x = t.left(); x < t.right(); x++) {
            covered[y][x]++;
          }
        }
      }
      for (int[] row : covered) {
        for (int c : row) {
          assertEquals(1, c, "every pixel in exactly one interior");
        }
      }
    }
  }

  @Test
  void tileSizeRoundsUpToTheStrideAndATinyLastBandJoinsThePreviousOne() {
    TilePlan plan = TilePlan.of(1030, 100, 250, Vgg19Layer.RELU5_1);
    // 250 -> 256; rows 0, 256, 512, 768 and a 6 px remainder that joins the last band.
    assertEquals(4, plan.tiles().size());
    TilePlan.Tile last = plan.tiles().get(3);
    assertEquals(768, last.top());
    assertEquals(1030, last.bottom());
    TilePlan even = TilePlan.of(1040, 100, 256, Vgg19Layer.RELU5_1);
    assertEquals(5, even.tiles().size(), "a 16 px remainder is a band of its own");
    assertEquals(1024, even.tiles().get(4).top());
  }

  @Test
  void featureRangesOfTheLastBandFollowThePoolingFloor() {
    // 1030 px: relu5_1 (scale 16) has 64 rows; a last interior [768, 1030) covers rows 48..64.
    int[] rows = TilePlan.featureRange(768, 1030, 1030, 16);
    assertEquals(48, rows[0]);
    assertEquals(64, rows[1]);
  }
}
