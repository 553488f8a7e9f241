"""Nightly StyleBatch run: stylize the day's catalog manifest on GPU executors.

Exit codes of the job (README, "Exit codes") and how this DAG treats them:
  0  success (failures within stylebatch.job.max-failed-fraction)      -> task succeeds
  2  invalid arguments / configuration / manifest, nothing computed    -> task fails; retries fail fast too
  3  run finished but too many pairs failed (see results/)             -> task fails; a retry re-runs only
                                                                          the pairs that did not succeed
  1  anything else (e.g. object store unreachable)                     -> task fails; a retry resumes,
                                                                          finished pairs are not recomputed
Reruns are safe: finished pairs are skipped and every output is written atomically.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

BUCKET = "s3a://catalog"

default_args = {
    "owner": "data-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=10),
}

with DAG(
    dag_id="stylebatch_nightly",
    description="Gatys style transfer over the day's photo catalog",
    start_date=datetime(2026, 1, 1),
    schedule="0 1 * * *",
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["stylebatch", "spark", "gpu"],
) as dag:
    stylize = SparkSubmitOperator(
        task_id="stylize_catalog",
        conn_id="spark_gpu_cluster",
        # target/stylebatch-VERSION.jar of the build, deployed under a version-free name.
        application="/opt/stylebatch/stylebatch.jar",
        java_class="io.stylebatch.job.StyleBatchJob",
        name="stylebatch-{{ ds }}",
        files="/opt/stylebatch/gpu-discovery.sh,/opt/stylebatch/conf/gpu.conf",
        conf={
            "spark.executor.cores": "4",
            "spark.executor.memory": "16g",
            "spark.executor.memoryOverhead": "24g",
            "spark.executor.resource.gpu.amount": "1",
            "spark.executor.resource.gpu.discoveryScript": "./gpu-discovery.sh",
            "spark.task.resource.gpu.amount": "1",
            "spark.task.cpus": "4",
            "spark.task.maxFailures": "4",
        },
        application_args=[
            "--manifest", f"{BUCKET}/manifests/{{{{ ds }}}}/manifest.csv",
            # Partitioned by run date, so each night's outputs and reruns stay separate.
            "--output", f"{BUCKET}/stylized/dt={{{{ ds }}}}",
            "--config", "gpu.conf",
            "--set", "stylebatch.job.max-failed-fraction=0.02",
        ],
        verbose=False,
    )
