#!/usr/bin/env bash
# Nightly run on YARN with GPU executors (YARN 3.1+ with GPU scheduling enabled). One task per GPU.
# Build the CUDA jar first: ./mvnw -Pcuda -DskipTests package
#
# Each setting below can be overridden from the environment; the defaults are the production recipe
# (jobs/recipe.sh, shared with kubernetes-gpu.sh and the Airflow DAG).
#   SPARK_SUBMIT       the spark-submit command                        (spark-submit)
#   JOB_JAR            the job jar                                     (target/stylebatch-*.jar)
#   RUN_DATE           the day whose catalog is processed, as the Airflow DAG's {{ ds }} (yesterday, UTC)
#   MANIFEST, OUTPUT   the night's manifest and output URIs            (s3a://catalog/..., see below)
#   DEPLOY_MODE        cluster or client                               (cluster)
#   YARN_QUEUE         the YARN queue                                  (default)
#   NUM_EXECUTORS, EXECUTOR_CORES, EXECUTOR_MEMORY, EXECUTOR_OVERHEAD, DRIVER_MEMORY
#                      executor count and sizes; the overhead holds ND4J's native memory (4, 4, 16g, 24g, 2g)
#   JAVACPP_MAXBYTES, JAVACPP_MAXPHYSICALBYTES
#                      JavaCPP's limits, below the container (heap + overhead) (30g, 38g)
#   GPUS               GPUs per executor; 0 runs CPU executors with the same recipe, for a cluster without
#                      YARN's GPU plugin (1)
#   S3A_PACKAGES       Maven coordinates of S3A and the magic committer (target/s3a-packages.txt, written by
#                      the build); empty when the cluster has them
#   JOB_ARGS           extra job arguments, word-split (e.g. "--set stylebatch.transfer.image-size=256")
#   SUBMIT_ARGS        extra spark-submit arguments, word-split (e.g. "--conf spark.yarn.jars=...")
set -euo pipefail
cd "$(dirname "$0")/../.."
SPARK_SUBMIT="${SPARK_SUBMIT:-spark-submit}"
JOB_JAR="${JOB_JAR:-$(ls target/stylebatch-*.jar 2>/dev/null | head -n 1 || true)}"
[ -n "$JOB_JAR" ] || { echo "yarn-gpu.sh: no job jar in target/: build it (./mvnw -Pcuda -DskipTests package) or set JOB_JAR" >&2; exit 2; }
RUN_DATE="${RUN_DATE:-$(date -u -d yesterday +%F)}"
MANIFEST="${MANIFEST:-s3a://catalog/manifests/$RUN_DATE/manifest.csv}"
OUTPUT="${OUTPUT:-s3a://catalog/stylized/dt=$RUN_DATE}"
DEPLOY_MODE="${DEPLOY_MODE:-cluster}"
YARN_QUEUE="${YARN_QUEUE:-default}"
# shellcheck source=../recipe.sh
. jobs/recipe.sh
S3A_PACKAGES="${S3A_PACKAGES-$(cat target/s3a-packages.txt)}"

args=(
  --master yarn
  --deploy-mode "$DEPLOY_MODE"
  --queue "$YARN_QUEUE"
  --class io.stylebatch.job.StyleBatchJob
  --driver-memory "$DRIVER_MEMORY"
  --num-executors "$NUM_EXECUTORS"
  --conf spark.executor.cores="$EXECUTOR_CORES"
  --conf spark.executor.memory="$EXECUTOR_MEMORY"
  --conf spark.executor.memoryOverhead="$EXECUTOR_OVERHEAD"
  --conf spark.task.cpus="$EXECUTOR_CORES"
  # One attempt: a failed night (exit 2 or 3) is not re-run by YARN; the scheduler's retry resumes it.
  --conf spark.yarn.maxAppAttempts=1
  # A driver out of heap exits (and YARN reports it) instead of hanging with its lease held.
  --conf spark.driver.extraJavaOptions="$(cat target/jvm-options.txt) -XX:+ExitOnOutOfMemoryError"
  --conf spark.executor.extraJavaOptions="-Dorg.bytedeco.javacpp.maxbytes=$JAVACPP_MAXBYTES -Dorg.bytedeco.javacpp.maxphysicalbytes=$JAVACPP_MAXPHYSICALBYTES"
)
job_args=(--manifest "$MANIFEST" --output "$OUTPUT")
if [ "$GPUS" -gt 0 ]; then
  # conf/gpu.conf asks for one GPU per task and the GPU's image size; gpu-discovery.sh reports the GPUs.
  args+=(--conf spark.executor.resource.gpu.amount="$GPUS"
    --conf spark.executor.resource.gpu.discoveryScript=./gpu-discovery.sh
    --conf spark.task.resource.gpu.amount=1
    --files scripts/gpu-discovery.sh,conf/gpu.conf)
  job_args+=(--config gpu.conf)
fi
if [ -n "$S3A_PACKAGES" ]; then
  args+=(--packages "$S3A_PACKAGES")
fi
# shellcheck disable=SC2206 # word-split on purpose: extra arguments given as one string
args+=(${SUBMIT_ARGS:-})
# shellcheck disable=SC2206
job_args+=(${JOB_ARGS:-})
exec "$SPARK_SUBMIT" "${args[@]}" "$JOB_JAR" "${job_args[@]}"
