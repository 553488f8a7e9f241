#!/usr/bin/env bash
# Nightly run on Kubernetes with NVIDIA GPU executors (nvidia device plugin installed). The image must
# contain Spark 3.5 with hadoop-aws and spark-hadoop-cloud, Java 17, CUDA 11.6 + cuDNN 8.3 runtimes, and the
# CUDA job jar at /opt/stylebatch/stylebatch.jar (./mvnw -Pcuda -DskipTests package).
# Executor and driver sizes, the GPU count and JavaCPP's limits: jobs/recipe.sh (the environment overrides them).
set -euo pipefail
# shellcheck source=../recipe.sh
. "$(dirname "$0")/../recipe.sh"
# The day whose catalog is processed: yesterday (UTC) by default, as the Airflow DAG's {{ ds }}.
RUN_DATE="${RUN_DATE:-$(date -u -d yesterday +%F)}"
spark-submit \
  --master "k8s://https://${K8S_API:-kubernetes.default.svc}:443" \
  --deploy-mode cluster \
  --name "stylebatch-$RUN_DATE" \
  --class io.stylebatch.job.StyleBatchJob \
  --conf spark.kubernetes.container.image="${IMAGE:-registry.example.com/stylebatch:0.1.0-cuda}" \
  --conf spark.kubernetes.namespace=stylebatch \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="${SERVICE_ACCOUNT:-stylebatch-driver}" \
  --conf spark.executor.instances="$NUM_EXECUTORS" \
  --conf spark.executor.cores="$EXECUTOR_CORES" \
  --conf spark.executor.memory="$EXECUTOR_MEMORY" \
  --conf spark.executor.memoryOverhead="$EXECUTOR_OVERHEAD" \
  --conf spark.executor.resource.gpu.amount="$GPUS" \
  --conf spark.executor.resource.gpu.vendor=nvidia.com \
  --conf spark.executor.resource.gpu.discoveryScript=/opt/stylebatch/gpu-discovery.sh \
  --conf spark.task.resource.gpu.amount=1 \
  --conf spark.task.cpus="$EXECUTOR_CORES" \
  --conf spark.kubernetes.executor.podNamePrefix="stylebatch-$RUN_DATE-$(date -u +%H%M%S)-$$" \
  --conf spark.driver.memory="$DRIVER_MEMORY" \
  --conf spark.driver.extraJavaOptions="$(cat target/jvm-options.txt 2>/dev/null) -XX:+ExitOnOutOfMemoryError" \
  --conf spark.executor.extraJavaOptions="-Dorg.bytedeco.javacpp.maxbytes=$JAVACPP_MAXBYTES -Dorg.bytedeco.javacpp.maxphysicalbytes=$JAVACPP_MAXPHYSICALBYTES" \
  local:///opt/stylebatch/stylebatch.jar \
  --manifest "s3a://catalog/manifests/$RUN_DATE/manifest.csv" \
  --output "s3a://catalog/stylized/dt=$RUN_DATE" \
  --config "${CONFIG:-s3a://catalog/stylebatch/conf/gpu.conf}"
