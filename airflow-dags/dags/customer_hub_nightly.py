"""Customer Hub nightly pipeline: ingest every source in parallel, gate on reject rates, then the
whole-hub steps. See DOC_MD below (shown in the Airflow UI) for the design."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG, TriggerRule, Variable, chain, get_current_context, task
from airflow.sdk.exceptions import AirflowException

DAG_ID = "customer_hub_nightly"

# Whole-hub steps after the quality gate, in pipeline order. Each one is a `hub` subcommand run with
# the common options only (`--run-id {{ ds }} --hub-root <hub_root>`). Only subcommands that exist
# in the hub jar belong here (a test checks it against `hub --help`): when one ships, add its name,
# in order "standardize", "match", "cluster", "golden", "report". That is the whole change.
STEPS_AFTER_GATE: tuple[str, ...] = ("standardize", "match", "cluster")

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

DOC_MD = """
# Customer Hub nightly

Reads every source silo into the hub (`bronze/<source>`), stops when a source's extract is too dirty,
then runs the whole-hub steps. The run id of every step is the run's **logical date** (`{{ ds }}`),
and every hub step rewrites only its own run id's rows, so any task can be retried or cleared and
rerun: the result is one copy of that date's output.

## Tasks

1. **`discover_sources`** reads the contracts folder *when the run starts* and returns the source
   names (the `name` of each `*.json` contract). Nothing is hand-listed and nothing is read when
   the scheduler parses this file: adding a source is adding its contract file.
2. **`ingest`**: one mapped task per source (dynamic task mapping over the discovered names, shown
   by source name), in parallel: `hub ingest --contracts <dir> --source <name> --max-reject-rate
   <limit> --run-id {{ ds }} --hub-root <root>` through `SparkSubmitOperator`. The hub itself
   enforces the reject-rate limit (the contract's `maxRejectRate` wins over the configured one):
   a source over its limit is not published to bronze, its `runs` row says FAILED, and the job
   exits 1, so that ingest task fails.
3. **`export_run_counts`** (runs even when an ingest failed): `hub export runs --format jsonl
   --run-id {{ ds }}` into `<runs_export_dir>/{{ ds }}`.
4. **`quality_gate`** (runs even when an ingest failed) passes only when every ingest task and the
   export succeeded and the `runs` table has, for **every** discovered source, an ingest row for
   this run id with status SUCCEEDED and `rows_read = rows_accepted + rows_quarantined`. Otherwise
   it fails with one line per source (counts, reject rate, the hub's message), which fails the run.
5. The whole-hub steps in `STEPS_AFTER_GATE` (standardize, match, cluster, golden, report as they
   ship), chained after the gate with the default `all_success` rule, so nothing is published
   downstream of a failed gate.

## Configuration

* Variable **`customer_hub_config`** (JSON), read at run time by the `hub_config()` template macro:
  `hub_root` (folder or Hadoop URI), `contracts_dir` (local folder of contracts, readable by the
  worker), `jar` (the shaded hub jar), optional `max_reject_rate` (default 0.05), `runs_export_dir`
  (local or mounted folder the worker can read; default `<hub_root>/_airflow/runs`),
  `driver_memory`, `executor_memory` (default 1g), `shuffle_partitions` (default 200).
* Connection **`customer_hub_spark`** (type spark; env `CUSTOMER_HUB_SPARK_CONN_ID` overrides the id):
  the Spark master. `spark-submit` must be on the worker's PATH with Java 17.
* Java 17 `--add-opens` flags reach the driver and executors through `spark.*.extraJavaOptions`.
"""


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


def hub_job(task_id: str, command: list[str], **kwargs: Any) -> dict[str, Any]:
    """The SparkSubmitOperator arguments of one hub job: [subcommand, ...] plus the run options."""
    return {
        "task_id": task_id,
        "conn_id": SPARK_CONN_ID,
        "application": "{{ hub_config('jar') }}",
        "java_class": HUB_MAIN_CLASS,
        "name": f"customer-hub-{task_id}",
        "application_args": [*command, *RUN_ARGS],
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


def contract_names(contracts_dir: str) -> list[str]:
    """The `name` of every `*.json` contract in a folder, sorted; what `hub ingest --contracts` reads."""
    folder = Path(contracts_dir)
    if not folder.is_dir():
        raise AirflowException(
            f"contracts_dir {contracts_dir} is not a folder this worker can read; "
            f"point {CONFIG_VARIABLE}.contracts_dir at the folder of source contracts (*.json)"
        )
    names = []
    for path in sorted(folder.glob("*.json")):
        name = json.loads(path.read_text(encoding="utf-8")).get("name")
        if not name:
            raise AirflowException(f"contract {path} has no name")
        names.append(name)
    if not names:
        raise AirflowException(f"no source contracts (*.json) in {contracts_dir}")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise AirflowException(f"several contracts in {contracts_dir} are named {duplicates}")
    return sorted(names)


def read_ingest_counts(export_dir: str) -> dict[str, dict[str, Any]]:
    """The `runs` rows of step `ingest`, by source, from a `hub export runs --format jsonl` folder."""
    folder = Path(export_dir.removeprefix("file://"))
    if "://" in export_dir.removeprefix("file://") or not folder.is_dir():
        raise AirflowException(
            f"no runs export at {export_dir}: runs_export_dir must be a local or mounted folder "
            "this worker can read, and export_run_counts must have succeeded"
        )
    rows: dict[str, dict[str, Any]] = {}
    for part in sorted(folder.glob("part-*.json")):  # not Spark's hidden .crc files
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("step") == "ingest":
                    rows[row["source"]] = row
    return rows


def gate_problems(sources: list[str], counts: dict[str, dict[str, Any]]) -> list[str]:
    """One line per source that may not go downstream; empty when all passed."""
    problems = []
    for source in sources:
        row = counts.get(source)
        if row is None:
            problems.append(f"{source}: no ingest row in the runs table for this run id")
            continue
        read, accepted, quarantined = (int(row.get(k) or 0) for k in ("rows_read", "rows_accepted", "rows_quarantined"))
        rate = quarantined / read if read else 0.0
        figures = f"read {read}, accepted {accepted}, quarantined {quarantined} ({rate:.2%})"
        if row.get("status") != "SUCCEEDED":
            problems.append(f"{source}: {row.get('status')}: {figures}: {row.get('message') or ''}".rstrip(": "))
        elif read != accepted + quarantined:
            problems.append(f"{source}: counts do not reconcile: {figures}")
    return problems


def build_nightly_dag(dag_id: str = DAG_ID, steps_after_gate: tuple[str, ...] = STEPS_AFTER_GATE) -> DAG:
    with DAG(
        dag_id=dag_id,
        description="Customer Hub: ingest all sources, reject-rate gate, then resolve and publish",
        doc_md=DOC_MD,
        schedule="0 2 * * *",
        start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
        catchup=False,
        max_active_runs=1,  # runs of different dates would contend on the runs table's MERGE
        dagrun_timeout=timedelta(hours=8),
        default_args=DEFAULT_ARGS,
        user_defined_macros={"hub_config": hub_config},
        tags=["customer-hub", "identity-resolution", "spark", "nightly"],
    ) as dag:

        @task
        def discover_sources() -> list[str]:
            """Source names from the contracts folder, read at run time."""
            return contract_names(hub_config("contracts_dir"))

        sources = discover_sources()

        ingest = HubSparkSubmitOperator.partial(
            **hub_job(
                "ingest",
                [
                    "ingest",
                    "--contracts", "{{ hub_config('contracts_dir') }}",
                    "--source", "{{ task.source }}",
                    "--max-reject-rate", "{{ hub_config('max_reject_rate') }}",
                ],
            ),
            map_index_template="{{ task.source }}",
        ).expand(source=sources)

        export_dir = "{{ hub_config('runs_export_dir') }}/{{ ds }}"
        export_run_counts = SparkSubmitOperator(
            **hub_job(
                "export_run_counts",
                ["export", "runs", "--format", "jsonl", "--out", export_dir, "--overwrite"],
                trigger_rule=TriggerRule.ALL_DONE,
            )
        )

        # retries=0: a failed gate is a verdict on this run's data, not a glitch to retry.
        @task(trigger_rule=TriggerRule.ALL_DONE, retries=0)
        def quality_gate(sources: list[str], export_dir: str) -> dict[str, Any]:
            """Fails unless every source's ingest of this run id succeeded and its counts reconcile."""
            context = get_current_context()
            ti = context["ti"]
            states = ti.get_task_states(
                dag_id=ti.dag_id, run_ids=[ti.run_id], task_ids=["ingest", "export_run_counts"]
            ).get(ti.run_id, {})
            not_ok = sorted(t for t, state in states.items() if state != "success")
            counts = read_ingest_counts(export_dir) if states.get("export_run_counts") == "success" else {}
            problems = gate_problems(sources, counts)
            for source in sources:
                row = counts.get(source, {})
                print(f"gate: {source}: {row.get('status', 'no row')}, read {row.get('rows_read')}, "
                      f"accepted {row.get('rows_accepted')}, quarantined {row.get('rows_quarantined')}")
            if not_ok:
                problems.append(f"upstream tasks did not succeed: {', '.join(not_ok)}")
            if problems:
                raise AirflowException(
                    "quality gate failed for run " + context["ds"] + ", nothing is published downstream:\n  "
                    + "\n  ".join(problems)
                    + "\n  fix: inspect `hub export quarantine --run-id " + context["ds"]
                    + "`, correct the extract or the contract, then clear the failed tasks of this run"
                )
            return {source: counts[source]["rows_accepted"] for source in sources}

        gate = quality_gate(sources, export_dir)
        ingest >> export_run_counts >> gate
        ingest >> gate  # explicit: every ingest instance is upstream of the gate

        steps = [
            SparkSubmitOperator(**hub_job(step, [step])) for step in steps_after_gate
        ]
        chain(gate, *steps)
    return dag


dag = build_nightly_dag()
