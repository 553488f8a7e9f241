#!/usr/bin/env bash
# Nightly run on a Spark standalone cluster with CPU executors (one pair per task, one core per task).
# Edit MASTER and the URIs; build the jar first: ./mvnw -DskipTests package
set -euo pipefail
# The jar the build made (target/stylebatch-VERSION.jar), or JOB_JAR.
JOB_JAR="${JOB_JAR:-$(ls target/stylebatch-*.jar 2>/dev/null | head -n 1 || true)}"
[ -n "$JOB_JAR" ] || { echo "standalone.sh: no job jar in target/: build it (./mvnw -DskipTests package) or set JOB_JAR" >&2; exit 2; }
MASTER="${MASTER:-spark://spark-master:7077}"
# The day whose catalog is processed: yesterday (UTC) by default, as the Airflow DAG's {{ ds }}.
RUN_DATE="${RUN_DATE:-$(date -u -d yesterday +%F)}"
# Driver heap: 2g up to about 350,000 pairs, 4g for 10^6 (docs/deploy.md, "Driver sizing"). A driver out of heap exits (JVM exit
# code 3, "Terminating due to java.lang.OutOfMemoryError") instead of hanging with the output's lease held.
DRIVER_MEMORY="${DRIVER_MEMORY:-2g}"
spark-submit \
  --master "$MASTER" \
  --deploy-mode client \
  --driver-memory "$DRIVER_MEMORY" \
  --driver-java-options "-XX:+ExitOnOutOfMemoryError" \
  --class io.stylebatch.job.StyleBatchJob \
  --conf spark.executor.cores=4 \
  --conf spark.executor.memory=6g \
  --conf spark.task.cpus=1 \
  --conf spark.task.maxFailures=4 \
  --packages "$(cat "$(dirname "$0")/../../target/s3a-packages.txt")" \
  "$JOB_JAR" \
  --manifest "s3a://catalog/manifests/$RUN_DATE/manifest.csv" \
  --output "s3a://catalog/stylized/dt=$RUN_DATE" \
  --config conf/s3.conf
