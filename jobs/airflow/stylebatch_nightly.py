"""Nightly StyleBatch run: stylize the catalog manifest of the DAG run's logical date on GPU executors.

Two tasks, so that only transient failures are retried:
  validate_manifest  runs the job with --validate (manifest, configuration, weights, every input's header,
                     output writable; nothing computed). Invalid input is exit 2 and fails the DAG run
                     at once: retries=0, since retrying cannot fix the input.
  stylize_catalog    the run itself, with retries: a retry resumes (finished pairs are not recomputed).

Exit codes of the job (README, "Exit codes"); in cluster deploy mode the application's final status carries
them (SUCCEEDED for 0, FAILED otherwise), and spark-submit's exit code follows it:
  0  success (failures within stylebatch.job.max-failed-fraction)      -> task succeeds
  2  invalid arguments / configuration / manifest, nothing computed    -> validate_manifest fails, no retry;
                                                                          in stylize_catalog it means another
                                                                          run holds the output: a retry waits
  3  run finished but too many pairs failed (see results/, _FAILED)    -> task fails; a retry re-runs only
                                                                          the pairs that did not succeed
  1  anything else (e.g. object store unreachable)                     -> task fails; a retry resumes

Dates: {{ ds }} is the logical date of the run (for this daily schedule, the day that just ended); the shell
examples in jobs/spark-submit/ use the same day by default (RUN_DATE = yesterday, UTC).

Airflow connection "spark_gpu_cluster" (type Spark): host "yarn", extra {"deploy-mode": "cluster",
"queue": "gpu"}; the Airflow worker needs spark-submit and the cluster's Hadoop configuration. The
configuration file is read from the object store (--config accepts any Hadoop URI), so the same arguments
work in client and in cluster deploy mode.
"""
import re
from datetime import datetime, timedelta
from pathlib import Path

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

BUCKET = "s3a://catalog"
JAR = "/opt/stylebatch/stylebatch.jar"  # target/stylebatch-VERSION.jar of the build, version-free name
CONFIG = f"{BUCKET}/stylebatch/conf/gpu.conf"  # conf/gpu.conf uploaded next to the data


def read_recipe():
    """jobs/recipe.sh, the production recipe the spark-submit scripts source: deploy it next to this file (or one
    folder up, as in the repository). Its lines read ': "${NAME=value}"'."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "recipe.sh", here.parent / "recipe.sh"):
        if candidate.is_file():
            return dict(re.findall(r'^: "\$\{(\w+)=(.*)\}"$', candidate.read_text(), re.MULTILINE))
    raise FileNotFoundError("recipe.sh next to " + str(here) + " or one folder up")


RECIPE = read_recipe()

# Spark properties of both tasks: one task per GPU, the JavaCPP limits below the container (docs/deploy.md).
SPARK_CONF = {
    "spark.executor.cores": RECIPE["EXECUTOR_CORES"],
    "spark.executor.memory": RECIPE["EXECUTOR_MEMORY"],
    "spark.executor.memoryOverhead": RECIPE["EXECUTOR_OVERHEAD"],
    "spark.executor.resource.gpu.amount": RECIPE["GPUS"],
    "spark.executor.resource.gpu.discoveryScript": "./gpu-discovery.sh",
    "spark.task.resource.gpu.amount": "1",
    "spark.task.cpus": RECIPE["EXECUTOR_CORES"],
    "spark.task.maxFailures": "4",
    # One YARN attempt: a failed night is retried by this DAG (which resumes), not re-run whole by YARN.
    "spark.yarn.maxAppAttempts": "1",
    # Driver heap sized by the pairs of a night (recipe.sh, docs/deploy.md "Driver sizing"); one out of heap exits,
    # so the task fails instead of hanging with the output's lease held.
    "spark.driver.memory": RECIPE["DRIVER_MEMORY"],
    "spark.driver.extraJavaOptions": "-XX:+ExitOnOutOfMemoryError",
    "spark.executor.extraJavaOptions": "-Dorg.bytedeco.javacpp.maxbytes=" + RECIPE["JAVACPP_MAXBYTES"]
                                       + " -Dorg.bytedeco.javacpp.maxphysicalbytes="
                                       + RECIPE["JAVACPP_MAXPHYSICALBYTES"],
}

JOB_ARGS = [
    "--manifest", f"{BUCKET}/manifests/{{{{ ds }}}}/manifest.csv",
    # Partitioned by logical date, so each night's outputs and reruns stay separate.
    "--output", f"{BUCKET}/stylized/dt={{{{ ds }}}}",
    "--config", CONFIG,
    "--set", "stylebatch.job.max-failed-fraction=0.02",
]

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
    def spark_job(task_id, name, args, **kwargs):
        return SparkSubmitOperator(
            task_id=task_id,
            conn_id="spark_gpu_cluster",
            application=JAR,
            java_class="io.stylebatch.job.StyleBatchJob",
            name=name,
            files="/opt/stylebatch/gpu-discovery.sh",
            conf=SPARK_CONF,
            application_args=args,
            verbose=False,
            **kwargs,
        )

    validate = spark_job("validate_manifest", "stylebatch-validate-{{ ds }}", ["--validate"] + JOB_ARGS,
                         retries=0, execution_timeout=timedelta(hours=1))
    stylize = spark_job("stylize_catalog", "stylebatch-{{ ds }}", JOB_ARGS)
    validate >> stylize
