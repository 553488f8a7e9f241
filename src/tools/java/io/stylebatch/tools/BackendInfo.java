package io.stylebatch.tools;

import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;

/** Loads the ND4J backend on the classpath and says which it is, on which devices, and whether it computes. */
@Command(name = "BackendInfo", mixinStandardHelpOptions = true,
    description = "Prints the ND4J backend, its devices and the result of a small matrix multiply.")
public final class BackendInfo implements Callable<Integer> {
  public static void main(String[] args) {
    ConfigOption.exit(new BackendInfo(), args);
  }

  @Override
  public Integer call() {
    System.out.println("backend: " + Nd4j.getBackend().getClass().getName());
    System.out.println("cpu: " + Nd4j.getEnvironment().isCPU());
    System.out.println("devices: " + Nd4j.getAffinityManager().getNumberOfDevices());
    try (INDArray a = Nd4j.ones(DataType.FLOAT, 256, 256); INDArray c = a.mmul(a)) {
      double v = c.getDouble(0, 0);
      System.out.println("matmul check: " + (v == 256.0 ? "ok" : "WRONG (" + v + ")"));
      return v == 256.0 ? 0 : 1;
    }
  }
}
