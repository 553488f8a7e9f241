# The production recipe of the GPU jobs, the one place its values are written. Sourced by
# jobs/spark-submit/yarn-gpu.sh and kubernetes-gpu.sh; read by the Airflow DAG (jobs/airflow/, which looks for
# this file next to itself or one folder up). A variable already set in the environment wins (${X=default}).
# Sizing rules: docs/deploy.md, "Executor sizing".

# Executors: one task per GPU, given all of its executor's cores (spark.task.cpus = spark.executor.cores).
: "${NUM_EXECUTORS=4}"
: "${EXECUTOR_CORES=4}"
: "${GPUS=1}"
# Heap, and the overhead that holds ND4J's native memory.
: "${EXECUTOR_MEMORY=16g}"
: "${EXECUTOR_OVERHEAD=24g}"
# JavaCPP's limits, below the container (heap + overhead), so JavaCPP refuses before the container is killed.
: "${JAVACPP_MAXBYTES=30g}"
: "${JAVACPP_MAXPHYSICALBYTES=38g}"
# Driver heap: 2g up to about 350,000 pairs a night, 4g for 10^6 ("Driver sizing").
: "${DRIVER_MEMORY=2g}"
