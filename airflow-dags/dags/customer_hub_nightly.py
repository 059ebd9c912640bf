"""Customer Hub nightly pipeline: ingest every source in parallel, gate on reject rates, resolve,
gate on cluster-size anomalies, publish, report. See DOC_MD below (shown in the Airflow UI)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TriggerRule, chain, get_current_context, task
from airflow.sdk.exceptions import AirflowException

from customer_hub_common import (  # noqa: F401  (re-exported: tests and older imports use nightly.X)
    CONFIG_DEFAULTS,
    CONFIG_REQUIRED,
    CONFIG_VARIABLE,
    DEFAULT_ARGS,
    HUB_MAIN_CLASS,
    HUB_ROOT,
    JAVA17_OPTIONS,
    RUN_ARGS,
    SPARK_CONF,
    SPARK_CONN_ID,
    HubSparkSubmitOperator,
    export_runs_job,
    hub_config,
    hub_job,
    read_runs_export,
)

DAG_ID = "customer_hub_nightly"

# Whole-hub steps between the reject-rate gate and the cluster-anomaly gate, in pipeline order; each
# is a `hub` subcommand run with the common options only (`--run-id {{ ds }} --hub-root <root>`).
RESOLVE_STEPS: tuple[str, ...] = ("standardize", "match", "cluster")

# After the cluster-anomaly gate, in parallel: task id -> hub arguments (before the run options).
PUBLISH_STEPS: dict[str, list[str]] = {
    "golden": ["golden", "--contracts", "{{ hub_config('contracts_dir') }}"],
    "review_build": ["review", "build"],
}
REPORT_COMMAND = ["report"]

# Sizes the cluster step reports as records_in_clusters_over.<n> (ClusterSizeProfile.THRESHOLDS).
CLUSTER_SIZE_THRESHOLDS = (2, 5, 10, 20, 50)

DOC_MD = """
# Customer Hub nightly

Reads every source silo into the hub (`bronze/<source>`), stops when a source's extract is too dirty,
resolves identities, stops when the clusters look over-merged, then publishes the golden records
and the stewards' review queue and writes the run report. The run id of every step is the run's
**logical date** (`{{ ds }}`), and every hub step rewrites only its own run id's rows, so any task
can be retried or cleared and rerun: the result is one copy of that date's output.

## Tasks

1. **`discover_sources`** reads the contracts folder *when the run starts* and returns the source
   names (the `name` of each `*.json` contract). Nothing is read when the scheduler parses this file:
   adding a source is adding its contract file.
2. **`ingest`**: one mapped task per source, in parallel: `hub ingest --contracts <dir> --source
   <name> --max-reject-rate <limit>`. The hub enforces the reject-rate limit itself (the contract's
   `maxRejectRate` wins): a source over its limit is not published to bronze, its `runs` row says
   FAILED, and the task fails. So does a full snapshot that would retire more than the contract's
   `extract.maxRetiredShare` (default 0.10) of the source's current records (a cut-short extract);
   after checking, rerun it by hand with `hub ingest ... --max-retired-share F`, then clear the gate.
3. **`export_ingest_counts`** then **`reject_rate_gate`** (both run even when an ingest failed): the
   gate passes only when every ingest task succeeded and the `runs` table has, for every source, a
   SUCCEEDED ingest row of this run id whose counts reconcile (read = accepted + quarantined).
4. **`standardize` -> `match` -> `cluster`** (only after a passed gate).
5. **`export_cluster_counts`** then **`cluster_gate`**: fails when the cluster step's figures in the
   `runs` table exceed the configured limits: the largest cluster (`max_largest_cluster`), the share
   of records in clusters of more than `oversized_cluster_size` records (`max_oversized_share`),
   clusters that hit the clustering's size limit (`max_clusters_at_size_limit`).
6. **`golden`** (`hub golden --contracts <dir>`) and **`review_build`** (`hub review build`), in
   parallel, only after a passed cluster gate: nothing reaches channels from a failed night.
   (`xref` is written by `cluster` itself, before the gate; `golden` and its change feed are what
   channels consume.)
7. **`report`** (`hub report`) runs **last and always** (trigger rule `all_done`), also after a failed
   gate or step, so the night's report says what happened.
8. **`nightly_published`** (no work) succeeds only when everything before it did, so the run's state
   is failed whenever a gate or a step failed, even though `report` ran.

## Configuration

* Variable **`customer_hub_config`** (JSON), read at run time by the `hub_config()` template macro:
  `hub_root` (folder or Hadoop URI), `contracts_dir` (local folder of contracts, readable by the
  worker), `jar` (the shaded hub jar), optional `max_reject_rate` (0.05), `runs_export_dir`
  (folder the worker can read; default `<hub_root>/_airflow/runs`), `driver_memory`,
  `executor_memory` (1g), `shuffle_partitions` (200), `max_largest_cluster` (20),
  `oversized_cluster_size` (10; one of 2, 5, 10, 20, 50), `max_oversized_share` (0.01),
  `max_clusters_at_size_limit` (0).
* Connection **`customer_hub_spark`** (type spark; env `CUSTOMER_HUB_SPARK_CONN_ID` overrides the id):
  the Spark master. `spark-submit` must be on the worker's PATH with Java 17.

## Rerunning one step after a failure

Clear the failed task *with its downstream tasks* (Airflow UI: Clear, "Downstream" ticked; CLI:
`airflow tasks clear customer_hub_nightly -t '^match$' -d -s <date> -e <date>`): it reruns with the
same run id and replaces that date's output. After a failed gate, fix the cause (extract, contract,
steward decisions, or the limit in `customer_hub_config`) and clear the gate with its downstream.
"""


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
    return read_runs_export(export_dir, "ingest")


def gate_problems(sources: list[str], counts: dict[str, dict[str, Any]]) -> list[str]:
    """Reject-rate gate: one line per source that may not go downstream; empty when all passed."""
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


def cluster_gate_problems(row: dict[str, Any] | None, config: dict[str, Any]) -> list[str]:
    """Cluster-anomaly gate: one line per limit the cluster step's `runs` row exceeds; empty when none."""
    if row is None:
        return ["no cluster row in the runs table for this run id"]
    if row.get("status") != "SUCCEEDED":
        return [f"cluster step {row.get('status')}: {row.get('message') or ''}".rstrip(": ")]
    size = int(config["oversized_cluster_size"])
    if size not in CLUSTER_SIZE_THRESHOLDS:
        raise AirflowException(
            f"{CONFIG_VARIABLE}.oversized_cluster_size is {size}: use one of {CLUSTER_SIZE_THRESHOLDS} "
            "(the sizes the cluster step reports)"
        )
    counts = row.get("counts") or {}
    key = f"records_in_clusters_over.{size}"
    if key not in counts or "largest_cluster" not in counts:
        return [f"the cluster step recorded no {key} or largest_cluster: the hub jar predates the cluster-anomaly gate"]
    records = int(row.get("rows_read") or 0)
    problems = []
    largest = int(counts["largest_cluster"])
    if largest > config["max_largest_cluster"]:
        problems.append(f"largest cluster has {largest} records (limit max_largest_cluster {config['max_largest_cluster']})")
    oversized = int(counts[key])
    share = oversized / records if records else 0.0
    if share > config["max_oversized_share"]:
        problems.append(f"{oversized} of {records} records ({share:.2%}) are in clusters of more than {size} records "
                        f"(limit max_oversized_share {config['max_oversized_share']:.2%})")
    at_limit = int(counts.get("clusters_at_size_limit") or 0)
    if at_limit > config["max_clusters_at_size_limit"]:
        problems.append(f"{at_limit} clusters reached the clustering's size limit of {counts.get('cluster_size_limit')} "
                        f"(limit max_clusters_at_size_limit {config['max_clusters_at_size_limit']})")
    return problems


def build_nightly_dag(dag_id: str = DAG_ID) -> DAG:
    with DAG(
        dag_id=dag_id,
        description="Customer Hub: ingest all sources, reject-rate gate, resolve, cluster-anomaly gate, publish, report",
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

        export_base = "{{ hub_config('runs_export_dir') }}/{{ ds }}"
        export_ingest = SparkSubmitOperator(
            **export_runs_job("export_ingest_counts", export_base + "/ingest", trigger_rule=TriggerRule.ALL_DONE)
        )

        # retries=0: a failed gate is a verdict on this run's data, not a glitch to retry.
        @task(trigger_rule=TriggerRule.ALL_DONE, retries=0)
        def reject_rate_gate(sources: list[str], export_dir: str) -> dict[str, Any]:
            """Fails unless every source's ingest of this run id succeeded and its counts reconcile."""
            context = get_current_context()
            ti = context["ti"]
            states = ti.get_task_states(
                dag_id=ti.dag_id, run_ids=[ti.run_id], task_ids=["ingest", "export_ingest_counts"]
            ).get(ti.run_id, {})
            not_ok = sorted(t for t, state in states.items() if state != "success")
            counts = read_ingest_counts(export_dir) if states.get("export_ingest_counts") == "success" else {}
            problems = gate_problems(sources, counts)
            for source in sources:
                row = counts.get(source, {})
                print(f"gate: {source}: {row.get('status', 'no row')}, read {row.get('rows_read')}, "
                      f"accepted {row.get('rows_accepted')}, quarantined {row.get('rows_quarantined')}")
            if not_ok:
                problems.append(f"upstream tasks did not succeed: {', '.join(not_ok)}")
            if problems:
                raise AirflowException(
                    "reject-rate gate failed for run " + context["ds"] + ", nothing is published downstream:\n  "
                    + "\n  ".join(problems)
                    + "\n  fix: inspect `hub export quarantine --run-id " + context["ds"]
                    + "`, correct the extract or the contract, then clear the failed tasks of this run"
                )
            return {source: counts[source]["rows_accepted"] for source in sources}

        reject_gate = reject_rate_gate(sources, export_base + "/ingest")
        ingest >> export_ingest >> reject_gate
        ingest >> reject_gate  # explicit: every ingest instance is upstream of the gate

        resolve = [SparkSubmitOperator(**hub_job(step, [step])) for step in RESOLVE_STEPS]
        export_cluster = SparkSubmitOperator(**export_runs_job("export_cluster_counts", export_base + "/cluster"))

        @task(retries=0)
        def cluster_gate(export_dir: str) -> dict[str, Any]:
            """Fails when the cluster step's size figures exceed the configured limits."""
            config = hub_config()
            row = read_runs_export(export_dir, "cluster").get("*")
            counts = (row or {}).get("counts") or {}
            print(f"gate: cluster: {(row or {}).get('status', 'no row')}, records {(row or {}).get('rows_read')}, "
                  f"largest {counts.get('largest_cluster')}, at size limit {counts.get('clusters_at_size_limit')}, "
                  + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k.startswith("records_in_clusters_over.")))
            problems = cluster_gate_problems(row, config)
            if problems:
                ds = get_current_context()["ds"]
                raise AirflowException(
                    "cluster-anomaly gate failed for run " + ds + ", golden records are not published:\n  "
                    + "\n  ".join(problems)
                    + "\n  fix: look at the largest clusters (`hub export xref`, cluster_size) and the links that made "
                    "them; record cannot-link decisions or tighten the model, or raise the limit in "
                    f"{CONFIG_VARIABLE} if the clusters are right; then clear cluster and its downstream tasks"
                )
            return counts

        gate = cluster_gate(export_base + "/cluster")
        chain(reject_gate, *resolve, export_cluster, gate)

        publish = [SparkSubmitOperator(**hub_job(task_id, command)) for task_id, command in PUBLISH_STEPS.items()]
        report = SparkSubmitOperator(**hub_job("report", REPORT_COMMAND, trigger_rule=TriggerRule.ALL_DONE))
        published = EmptyOperator(task_id="nightly_published", doc_md="Succeeds only when every step and gate did.")
        gate >> publish
        publish >> report
        [*publish, report] >> published
    return dag


dag = build_nightly_dag()
