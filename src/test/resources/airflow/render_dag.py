"""Imports the Airflow DAG file against minimal stand-ins of the two Airflow classes it uses, renders the
templated arguments of each task for a logical date, and prints them as JSON: what Airflow would pass to
spark-submit. Usage: python3 render_dag.py DAG_FILE YYYY-MM-DD"""
import json
import runpy
import sys
import types

tasks = []


class DAG:
    def __init__(self, dag_id, default_args=None, **kwargs):
        self.dag_id = dag_id
        self.default_args = default_args or {}
        self.kwargs = kwargs

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        return False


class SparkSubmitOperator:
    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        self.downstream = []
        self.dag = DAG.current
        tasks.append(self)

    def __rshift__(self, other):
        self.downstream.append(other.task_id)
        return other


airflow = types.ModuleType("airflow")
airflow.DAG = DAG
spark_submit = types.ModuleType("airflow.providers.apache.spark.operators.spark_submit")
spark_submit.SparkSubmitOperator = SparkSubmitOperator
for name in ["airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
             "airflow.providers.apache.spark.operators"]:
    sys.modules[name] = types.ModuleType(name)
sys.modules["airflow"] = airflow
sys.modules["airflow.providers.apache.spark.operators.spark_submit"] = spark_submit

runpy.run_path(sys.argv[1])
ds = sys.argv[2]


def render(value):
    try:
        import jinja2
        return jinja2.Template(value).render(ds=ds)
    except ImportError:
        return value.replace("{{ ds }}", ds)


out = {}
for t in tasks:
    retries = t.kwargs.get("retries", t.dag.default_args.get("retries", 0))
    out[t.task_id] = {
        "args": [render(a) for a in t.kwargs["application_args"]],
        "name": render(t.kwargs["name"]),
        "retries": retries,
        "conf": t.kwargs.get("conf", {}),
        "downstream": t.downstream,
        "java_class": t.kwargs["java_class"],
    }
print(json.dumps(out))
