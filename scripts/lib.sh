#!/usr/bin/env bash
# Shared by the scripts in scripts/: find the project, build it when sources changed, run a Java main.
# Not meant to be run directly.
STYLEBATCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Compiles the project (no tests run) when target/ is missing or older than the sources: the product for the job
# (compile), and with the tools (src/tools, compiled with the tests: test-compile) for a tool. STYLEBATCH_MAVEN_ARGS
# adds Maven options, e.g. -Pcuda for the GPU build.
stylebatch_ensure_built() {
  local goal="$1"
  local marker="$STYLEBATCH_ROOT/target/.built-$goal"
  local sources=("$STYLEBATCH_ROOT/src/main" "$STYLEBATCH_ROOT/pom.xml")
  [ "$goal" = compile ] || sources+=("$STYLEBATCH_ROOT/src/tools" "$STYLEBATCH_ROOT/src/test")
  [ -f "$STYLEBATCH_ROOT/target/jvm-options.txt" ] || rm -f "$marker"
  if [ ! -f "$marker" ] || [ ! -f "$STYLEBATCH_ROOT/target/classpath-runtime.txt" ] \
     || [ ! -f "$STYLEBATCH_ROOT/target/classpath-provided.txt" ] \
     || [ -n "$(find "${sources[@]}" -newer "$marker" -print -quit 2>/dev/null)" ]; then
    echo "stylebatch: building (./mvnw -DskipTests $goal)..." >&2
    # shellcheck disable=SC2086
    (cd "$STYLEBATCH_ROOT" && ./mvnw -q -B -DskipTests ${STYLEBATCH_MAVEN_ARGS:-} "$goal") >&2 || {
      echo "stylebatch: build failed" >&2
      exit 1
    }
    touch "$marker"
  fi
}

# stylebatch_java MAIN_CLASS ARGS... — runs a main class with the project classpath (Spark included).
stylebatch_java() {
  local main="$1"
  shift
  local cp="$STYLEBATCH_ROOT/target/classes"
  case "$main" in
    io.stylebatch.tools.*) stylebatch_ensure_built test-compile; cp="$cp:$STYLEBATCH_ROOT/target/test-classes" ;;
    *) stylebatch_ensure_built compile ;;
  esac
  cp="$cp:$(cat "$STYLEBATCH_ROOT/target/classpath-runtime.txt"):$(cat "$STYLEBATCH_ROOT/target/classpath-provided.txt")"
  # The JVM options Spark on Java 17 needs (--add-opens), written by the build from pom.xml.
  local opens
  opens=$(cat "$STYLEBATCH_ROOT/target/jvm-options.txt")
  # shellcheck disable=SC2086
  exec java ${STYLEBATCH_JAVA_OPTS:--Xmx4g} $opens -cp "$cp" "$main" "$@"
}
