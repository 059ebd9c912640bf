"""The nightly DAG run for real with `dag.test()`: every Spark job is a real `spark-submit` of the
hub jar to a Spark standalone master + worker on 127.0.0.1 (conftest.spark_master)."""

from __future__ import annotations

import json
import shutil
import time

import pendulum
import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.models.renderedtifields import RenderedTaskInstanceFields
from airflow.utils.session import create_session

import customer_hub_nightly as nightly
from conftest import DAGS_DIR, read_runs


def load_dag(dag_id: str = nightly.DAG_ID):
    """A DAG from the DAG folder. Retries are off in these tests: a failure fails the test at once
    instead of waiting minutes of exponential back-off inside dag.test()."""
    bag = DagBag(dag_folder=str(DAGS_DIR))
    assert bag.import_errors == {}
    dag = bag.dags[dag_id]
    for task in dag.tasks:
        task.retries = 0
    return dag


def states(dag_run) -> dict[tuple[str, int], str]:
    return {(ti.task_id, ti.map_index): ti.state for ti in dag_run.get_task_instances()}


def timed_run(dag, logical_date):
    started = time.monotonic()
    dag_run = dag.test(logical_date=logical_date)
    print(f"\ndag.test({dag.dag_id}, {logical_date.date()}): {dag_run.state} in {time.monotonic() - started:.1f} s")
    return dag_run


def test_nightly_run_ingests_every_source_on_a_standalone_cluster(demo_data, airflow_env, work_dir):
    hub_root = work_dir / "hub-ok"
    airflow_env(hub_root=str(hub_root), contracts_dir=str(demo_data / "contracts"))
    sources = sorted(json.loads(p.read_text())["name"] for p in (demo_data / "contracts").glob("*.json"))
    assert len(sources) == 4

    dag_run = timed_run(load_dag(), pendulum.datetime(2026, 11, 23, tz="UTC"))

    got = states(dag_run)
    assert dag_run.state == "success", got
    assert set(got.values()) == {"success"}
    assert sorted(i for t, i in got if t == "ingest") == list(range(len(sources)))

    # the tables, read back through the hub CLI: one SUCCEEDED ingest row per source that reconciles
    runs = read_runs(hub_root, "2026-11-23", work_dir / "runs-ok")
    assert sorted(runs) == sources
    for source, row in runs.items():
        assert row["status"] == "SUCCEEDED", row
        assert row["rows_read"] > 0
        assert row["rows_read"] == row["rows_accepted"] + row["rows_quarantined"], row
        assert row["rows_quarantined"] > 0  # the demo silos carry a few bad rows each
        assert (hub_root / "bronze" / source / "_delta_log").is_dir(), source

    # the whole-hub steps after the gate ran on the cluster too, and published the cross-reference
    for step in ("standardize", "match", "cluster"):
        row = read_runs(hub_root, "2026-11-23", work_dir / f"runs-{step}", step)["*"]
        assert row["status"] == "SUCCEEDED", row
    assert (hub_root / "records" / "_delta_log").is_dir()
    assert (hub_root / "xref" / "_delta_log").is_dir()
    # the cluster gate passed on the figures the cluster step recorded; golden was published after it
    assert row["counts"]["largest_cluster"] <= nightly.CONFIG_DEFAULTS["max_largest_cluster"]
    assert "records_in_clusters_over.10" in row["counts"]
    assert (hub_root / "golden" / "_delta_log").is_dir()

    # each mapped ingest ran with its own source and the logical date as run id
    rendered = {}
    with create_session() as session:
        for ti in dag_run.get_task_instances(session=session):
            if ti.task_id == "ingest":
                args = RenderedTaskInstanceFields.get_templated_fields(ti, session=session)["application_args"]
                rendered[args[args.index("--source") + 1]] = args
    assert sorted(rendered) == sources
    for args in rendered.values():
        assert args[0] == "ingest"
        assert args[args.index("--run-id") + 1] == "2026-11-23"
        assert args[args.index("--hub-root") + 1] == str(hub_root)


def test_gate_fails_the_run_and_nothing_downstream_runs_when_a_source_exceeds_its_limit(demo_data, airflow_env, work_dir):
    # two sources: call_centre as generated, branch_crm with a zero reject limit (its extract has bad rows)
    contracts = demo_data / "contracts-strict"
    contracts.mkdir()
    shutil.copy(demo_data / "contracts" / "call_centre.json", contracts)
    strict = json.loads((demo_data / "contracts" / "branch_crm.json").read_text())
    strict["maxRejectRate"] = 0.0
    (contracts / "branch_crm.json").write_text(json.dumps(strict))
    hub_root = work_dir / "hub-strict"
    airflow_env(hub_root=str(hub_root), contracts_dir=str(contracts))

    dag_run = timed_run(load_dag(), pendulum.datetime(2026, 11, 24, tz="UTC"))

    got = states(dag_run)
    assert dag_run.state == "failed", got
    assert got[("reject_rate_gate", -1)] == "failed"
    assert got[("export_ingest_counts", -1)] == "success"
    for later in ("standardize", "cluster_gate", "golden", "review_build", "nightly_published"):
        assert got[(later, -1)] == "upstream_failed", later
    assert got[("report", -1)] == "success"  # the report runs after a failed gate too
    ingest = {ti.map_index: ti.state for ti in dag_run.get_task_instances() if ti.task_id == "ingest"}
    assert sorted(ingest.values()) == ["failed", "success"]  # branch_crm fails, call_centre passes

    runs = read_runs(hub_root, "2026-11-24", work_dir / "runs-strict")
    assert runs["branch_crm"]["status"] == "FAILED"
    assert runs["branch_crm"]["rows_quarantined"] > 0
    assert runs["call_centre"]["status"] == "SUCCEEDED"
    # the hub publishes nothing of a source over its limit
    assert not (hub_root / "bronze" / "branch_crm" / "_delta_log").exists()
    assert (hub_root / "bronze" / "call_centre" / "_delta_log").is_dir()


@pytest.mark.slow_e2e
def test_cluster_gate_stops_publishing_when_clusters_exceed_the_limits(demo_data, airflow_env, work_dir):
    hub_root = work_dir / "hub-clusters"
    # every demo person with two or more records makes a cluster over the limit of 1
    airflow_env(hub_root=str(hub_root), contracts_dir=str(demo_data / "contracts"), max_largest_cluster=1)

    dag_run = timed_run(load_dag(), pendulum.datetime(2026, 11, 25, tz="UTC"))

    got = states(dag_run)
    assert dag_run.state == "failed", got
    assert got[("reject_rate_gate", -1)] == "success" and got[("cluster", -1)] == "success"
    assert got[("cluster_gate", -1)] == "failed"
    for later in ("golden", "review_build", "nightly_published"):
        assert got[(later, -1)] == "upstream_failed", later
    assert got[("report", -1)] == "success"
    assert not (hub_root / "golden").exists()
    cluster = read_runs(hub_root, "2026-11-25", work_dir / "runs-clusters", "cluster")["*"]
    assert cluster["counts"]["largest_cluster"] > 1
