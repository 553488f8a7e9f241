#!/usr/bin/env bash
# Nightly run on YARN with GPU executors (YARN 3.1+ with GPU scheduling enabled). One task per GPU.
# Build the CUDA jar first: ./mvnw -Pcuda -DskipTests package
set -euo pipefail
# The jar the build made (target/stylebatch-VERSION.jar), or JOB_JAR.
JOB_JAR="${JOB_JAR:-$(ls target/stylebatch-*.jar 2>/dev/null | head -n 1)}"
# The day whose catalog is processed: yesterday (UTC) by default, as the Airflow DAG's {{ ds }}.
RUN_DATE="${RUN_DATE:-$(date -u -d yesterday +%F)}"
spark-submit \
  --master yarn \
  --deploy-mode cluster \
  --class io.stylebatch.job.StyleBatchJob \
  --num-executors 4 \
  --conf spark.executor.cores=4 \
  --conf spark.executor.memory=16g \
  --conf spark.executor.memoryOverhead=24g \
  --conf spark.executor.resource.gpu.amount=1 \
  --conf spark.executor.resource.gpu.discoveryScript=./gpu-discovery.sh \
  --conf spark.task.resource.gpu.amount=1 \
  --conf spark.task.cpus=4 \
  --conf spark.driver.extraJavaOptions="$(cat target/jvm-options.txt)" \
  --conf spark.executor.extraJavaOptions="-Dorg.bytedeco.javacpp.maxbytes=30g -Dorg.bytedeco.javacpp.maxphysicalbytes=38g" \
  --packages org.apache.hadoop:hadoop-aws:3.3.4,org.apache.spark:spark-hadoop-cloud_2.12:3.5.8 \
  --files scripts/gpu-discovery.sh,conf/gpu.conf \
  "$JOB_JAR" \
  --manifest "s3a://catalog/manifests/$RUN_DATE/manifest.csv" \
  --output "s3a://catalog/stylized/dt=$RUN_DATE" \
  --config gpu.conf
