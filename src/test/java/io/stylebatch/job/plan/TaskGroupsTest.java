package io.stylebatch.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylebatch.job.executor.PairTask;
import io.stylebatch.manifest.PairSpec;
import io.stylebatch.transfer.TestSettings;
import io.stylebatch.transfer.settings.TransferSetting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskGroupsTest {
  private static List<PairTask> pairs(int n) {
    List<PairTask> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int size = 16 + (i * 37) % 200; // uneven work
      tasks.add(new PairTask(new PairSpec(i + 2, "p" + i, "c", "s", TestSettings.of(TransferSetting.IMAGE_SIZE, size)),
          "v", "v"));
    }
    tasks.sort(Comparator.comparingLong(TaskGroups::cost).reversed());
    return tasks;
  }

  @Test
  void fewPairsRunOnePerTaskLongestFirst() {
    List<PairTask> tasks = pairs(16);
    List<List<PairTask>> groups = TaskGroups.of(tasks, 2, 8);
    assertEquals(16, groups.size());
    assertEquals(tasks, groups.stream().map(g -> g.get(0)).toList());
  }

  @Test
  void manyPairsAreGroupedIntoEvenTasksBoundedByTheSlots() {
    List<PairTask> tasks = pairs(10_000);
    List<List<PairTask>> groups = TaskGroups.of(tasks, 4, 8);
    assertEquals(32, groups.size(), "slots x tasks per slot, whatever the number of pairs");
    Set<String> seen = new HashSet<>();
    groups.forEach(g -> g.forEach(t -> assertTrue(seen.add(t.pair().id()), "each pair in one task")));
    assertEquals(10_000, seen.size());
    long[] work = groups.stream().mapToLong(g -> g.stream().mapToLong(TaskGroups::cost).sum()).toArray();
    for (int i = 1; i < work.length; i++) {
      assertTrue(work[i] <= work[i - 1], "heaviest task first");
    }
    long largestPair = TaskGroups.cost(tasks.get(0));
    assertTrue(work[0] - work[work.length - 1] <= largestPair, "tasks differ by at most one pair's work: "
        + work[0] + " vs " + work[work.length - 1]);
    for (List<PairTask> g : groups) {
      for (int i = 1; i < g.size(); i++) {
        assertTrue(TaskGroups.cost(g.get(i)) <= TaskGroups.cost(g.get(i - 1)), "longest first inside a task");
      }
    }
  }
}
