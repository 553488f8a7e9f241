package io.stylebatch.tools;

import java.io.File;
import java.util.Arrays;
import java.util.List;

/** Command lines of the small tools: an optional leading {@code --config FILE}, then positionals. */
record ToolArgs(File config, List<String> positional) {
  static ToolArgs parse(String[] args) {
    if (args.length > 1 && args[0].equals("--config")) {
      return new ToolArgs(new File(args[1]), Arrays.asList(args).subList(2, args.length));
    }
    return new ToolArgs(null, Arrays.asList(args));
  }
}
