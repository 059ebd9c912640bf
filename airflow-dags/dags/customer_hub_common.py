"""What the Customer Hub DAGs share: the configuration Variable, the Spark job arguments of a `hub`
subcommand, and reading a `hub export runs` folder. No DAG here; nothing runs at import time."""

from __future__ import annotations

import json
import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import Variable
from airflow.sdk.exceptions import AirflowException

# The Spark connection (conn type "spark": host = master URL, e.g. spark://spark-master:7077, or
# yarn / k8s://...). Operator constructors cannot read Variables without parse-time I/O, so the
# connection id is fixed here and can be overridden with an environment variable.
SPARK_CONN_ID = os.environ.get("CUSTOMER_HUB_SPARK_CONN_ID", "customer_hub_spark")

CONFIG_VARIABLE = "customer_hub_config"
CONFIG_DEFAULTS: dict[str, Any] = {
    "max_reject_rate": 0.05,
    "runs_export_dir": None,  # default: <hub_root>/_airflow/runs
    "driver_memory": "1g",
    "executor_memory": "1g",
    "shuffle_partitions": 200,  # Spark's default; size it to the cluster
    # cluster-anomaly gate (nightly): over-merging shows as big clusters
    "max_largest_cluster": 20,
    "oversized_cluster_size": 10,  # one of the cluster step's records_in_clusters_over.<n>: 2, 5, 10, 20, 50
    "max_oversized_share": 0.01,
    "max_clusters_at_size_limit": 0,
    # model promotion gate (weekly retrain)
    "train_max_block_size": 500,
    "promotion_max_drift": 0.05,
    "promotion_min_labelled_pairs": 50,
}
CONFIG_REQUIRED = ("hub_root", "contracts_dir", "jar")

HUB_MAIN_CLASS = "io.customerhub.jobs.cli.HubCli"

# The JVM flags Spark 4.1 needs on Java 17 (the same list as bin/hub), for driver and executors.
JAVA17_OPTIONS = " ".join(
    [
        *(
            f"--add-opens=java.base/{package}=ALL-UNNAMED"
            for package in (
                "java.lang",
                "java.lang.invoke",
                "java.lang.reflect",
                "java.io",
                "java.net",
                "java.nio",
                "java.util",
                "java.util.concurrent",
                "java.util.concurrent.atomic",
                "jdk.internal.ref",
                "sun.nio.ch",
                "sun.nio.cs",
                "sun.security.action",
                "sun.util.calendar",
            )
        ),
        "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
        "-Djdk.reflect.useDirectMethodHandle=false",
        "-Dio.netty.tryReflectionSetAccessible=true",
    ]
)
SPARK_CONF = {
    "spark.driver.extraJavaOptions": JAVA17_OPTIONS,
    "spark.executor.extraJavaOptions": JAVA17_OPTIONS,
}

# Jinja for the settings every hub job takes; rendered when a task runs, never at parse time.
HUB_ROOT = "{{ hub_config('hub_root') }}"
RUN_ARGS = ["--run-id", "{{ ds }}", "--hub-root", HUB_ROOT]

DEFAULT_ARGS = {
    "owner": "customer-hub",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}

# The hub's run id rule (IngestOptions.RUN_ID): stored in tables and used in file paths.
HUB_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:+-]{0,63}$")


def hub_config(key: str | None = None) -> Any:
    """The hub's settings from the `customer_hub_config` Variable, with defaults; one key or all.

    Called from templates and tasks only, i.e. at run time."""
    raw = Variable.get(CONFIG_VARIABLE, default=None, deserialize_json=True)
    if raw is None:
        raise AirflowException(
            f"Airflow Variable {CONFIG_VARIABLE} is not set: set it to a JSON object with "
            f"{', '.join(CONFIG_REQUIRED)} (see the DAG's documentation)"
        )
    config = {**CONFIG_DEFAULTS, **raw}
    missing = [k for k in CONFIG_REQUIRED if not config.get(k)]
    if missing:
        raise AirflowException(f"Airflow Variable {CONFIG_VARIABLE} lacks {', '.join(missing)}")
    if not config["runs_export_dir"]:
        config["runs_export_dir"] = config["hub_root"].rstrip("/") + "/_airflow/runs"
    if key is None:
        return config
    return config[key]


class HubSparkSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator for one `hub` subcommand, with a `source` that can be mapped over.

    Values that come from upstream XComs are never rendered as templates, so the per-source
    argument is reached through `{{ task.source }}` from the templated `application_args`, which
    keeps `{{ ds }}` and the configuration templated for every mapped instance."""

    def __init__(self, *, source: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source


def hub_job(task_id: str, command: list[str], run_args: list[str] | None = None, **kwargs: Any) -> dict[str, Any]:
    """The SparkSubmitOperator arguments of one hub job: [subcommand, ...] plus the run options."""
    return {
        "task_id": task_id,
        "conn_id": SPARK_CONN_ID,
        "application": "{{ hub_config('jar') }}",
        "java_class": HUB_MAIN_CLASS,
        "name": f"customer-hub-{task_id}",
        "application_args": [*command, *(RUN_ARGS if run_args is None else run_args)],
        # conf is templated (driver_memory/executor_memory are not): memory comes from the config
        "conf": {
            **SPARK_CONF,
            "spark.driver.memory": "{{ hub_config('driver_memory') }}",
            "spark.executor.memory": "{{ hub_config('executor_memory') }}",
            "spark.sql.shuffle.partitions": "{{ hub_config('shuffle_partitions') }}",
        },
        "verbose": False,
        **kwargs,
    }


def export_runs_job(task_id: str, out: str, **kwargs: Any) -> dict[str, Any]:
    """`hub export runs --format jsonl` of this run id into a folder a gate reads."""
    return hub_job(task_id, ["export", "runs", "--format", "jsonl", "--out", out, "--overwrite"], **kwargs)


def read_runs_export(export_dir: str, step: str) -> dict[str, dict[str, Any]]:
    """The `runs` rows of one step, by source, from a `hub export runs --format jsonl` folder."""
    folder = Path(export_dir.removeprefix("file://"))
    if "://" in export_dir.removeprefix("file://") or not folder.is_dir():
        raise AirflowException(
            f"no runs export at {export_dir}: runs_export_dir must be a local or mounted folder "
            "this worker can read, and the export task must have succeeded"
        )
    rows: dict[str, dict[str, Any]] = {}
    for part in sorted(folder.glob("part-*.json")):  # not Spark's hidden .crc files
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("step") == step:
                    rows[row["source"]] = row
    return rows
