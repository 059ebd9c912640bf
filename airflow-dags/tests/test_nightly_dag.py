"""The nightly DAG as Airflow loads it: import, structure, defaults, parse-time behaviour, templates."""

from __future__ import annotations

import argparse
import re
import subprocess

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

import customer_hub_nightly as nightly
from conftest import DAGS_DIR, HUB_JAR, JAVA_HOME

LOGICAL_DATE = "2026-11-23"


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS_DIR))


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.dags[nightly.DAG_ID]


@pytest.fixture(scope="module")
def serialized_dag(dagbag, dag):
    """The DAG written to the metadata DB, as the DAG processor does (task instances need it)."""
    from airflow.dag_processing.bundles.manager import DagBundlesManager
    from airflow.dag_processing.dagbag import sync_bag_to_db

    DagBundlesManager().sync_bundles_to_db()
    sync_bag_to_db(dagbag, "dags-folder", None)
    return dag


def test_dag_folder_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert nightly.DAG_ID in dagbag.dags


def test_no_io_at_parse_time(monkeypatch):
    """Parsing reads no Variable, no Connection and no contract file."""

    def refuse(*args, **kwargs):
        raise AssertionError("I/O at parse time")

    monkeypatch.setattr("airflow.sdk.Variable.get", refuse)
    monkeypatch.setattr("airflow.sdk.BaseHook.get_connection", refuse)
    monkeypatch.setattr(nightly, "contract_names", refuse)
    monkeypatch.setattr("pathlib.Path.read_text", refuse)
    bag = DagBag(dag_folder=str(DAGS_DIR))
    assert bag.import_errors == {}
    assert nightly.DAG_ID in bag.dags


def test_tasks_and_dependencies(dag):
    steps = nightly.STEPS_AFTER_GATE
    assert set(dag.task_ids) == {"discover_sources", "ingest", "export_run_counts", "quality_gate", *steps}
    ingest, gate = dag.get_task("ingest"), dag.get_task("quality_gate")
    # one ingest per source, mapped over what discover_sources finds at run time
    assert "discover_sources" in ingest.upstream_task_ids
    assert ingest.get_needs_expansion()
    # every ingest instance, and the runs export, before the gate
    assert {"ingest", "export_run_counts", "discover_sources"} <= gate.upstream_task_ids
    assert gate.trigger_rule == "all_done" and dag.get_task("export_run_counts").trigger_rule == "all_done"
    # the gate before every later step, in order, each only when everything before succeeded
    previous = "quality_gate"
    for step in steps:
        assert dag.get_task(step).upstream_task_ids == {previous}
        assert dag.get_task(step).trigger_rule == "all_success"
        previous = step
    assert set(gate.get_flat_relative_ids(upstream=False)) == set(steps)


def test_adding_a_step_is_one_entry_in_the_step_list():
    steps = ("standardize", "match", "cluster", "golden", "report")
    dag = nightly.build_nightly_dag(dag_id="customer_hub_nightly_future", steps_after_gate=steps)
    previous = "quality_gate"
    for step in steps:
        task = dag.get_task(step)
        assert isinstance(task, SparkSubmitOperator)
        assert task.upstream_task_ids == {previous}
        assert task.application_args == [step, "--run-id", "{{ ds }}", "--hub-root", nightly.HUB_ROOT]
        previous = step


def test_every_step_is_an_existing_hub_subcommand(hub_jar):
    """Only subcommands that exist in the jar are scheduled (read from `hub --help`)."""
    help_text = subprocess.run([str(JAVA_HOME / "bin" / "java"), "-jar", str(HUB_JAR), "--help"],
                               capture_output=True, text=True, timeout=120, check=True).stdout
    commands = set(re.findall(r"^\s{2}([a-z][a-z-]*)\s", help_text.split("Commands:")[1], re.M))
    assert {"ingest", "export"} <= commands
    assert set(nightly.STEPS_AFTER_GATE) <= commands, f"steps without a subcommand: {set(nightly.STEPS_AFTER_GATE) - commands}"


def test_defaults(dag):
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert "discover_sources" in dag.doc_md
    assert {"customer-hub", "nightly"} <= set(dag.tags)
    for task in dag.tasks:
        assert task.owner == "customer-hub"
        if task.task_id != "quality_gate":
            assert task.retries >= 2, task.task_id
            assert task.retry_exponential_backoff, task.task_id
    assert dag.get_task("quality_gate").retries == 0  # a failed gate is a verdict, not a glitch


def test_spark_jobs_run_the_hub_jar_with_java17_flags(dag):
    spark_tasks = [t for t in dag.tasks if t.task_id not in ("discover_sources", "quality_gate")]
    assert spark_tasks
    for task in spark_tasks:
        kwargs = task.partial_kwargs if task.get_needs_expansion() else vars(task)
        assert kwargs.get("java_class", getattr(task, "_java_class", None)) == nightly.HUB_MAIN_CLASS
        conf = kwargs["conf"]
        for key in ("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions"):
            options = conf[key].split()
            assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in options
            assert "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED" in options
            assert "-Djdk.reflect.useDirectMethodHandle=false" in options
            assert len([o for o in options if o.startswith("--add-opens=java.base/")]) == 14


def render(dag, task_id: str, capsys) -> str:
    """Renders a task instance's templated fields for LOGICAL_DATE with Airflow's `tasks render`."""
    from airflow.cli.commands.task_command import task_render

    capsys.readouterr()
    task_render(argparse.Namespace(dag_id=dag.dag_id, task_id=task_id, map_index=-1,
                                   logical_date_or_run_id=LOGICAL_DATE, bundle_name=None, verbose=False),
                dag=dag)
    return capsys.readouterr().out


def test_templates_render_the_logical_date_and_the_config(serialized_dag, capsys, monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_CUSTOMER_HUB_CONFIG",
                       '{"hub_root": "/data/hub", "contracts_dir": "/data/contracts", "jar": "/opt/hub.jar"}')
    out = render(serialized_dag, "export_run_counts", capsys)
    assert "'--run-id', '2026-11-23'" in out
    assert "'--hub-root', '/data/hub'" in out
    assert "'--out', '/data/hub/_airflow/runs/2026-11-23'" in out
    assert "/opt/hub.jar" in out


def test_config_defaults_and_errors(monkeypatch):
    monkeypatch.delenv("AIRFLOW_VAR_CUSTOMER_HUB_CONFIG", raising=False)
    with pytest.raises(Exception, match="customer_hub_config is not set"):
        nightly.hub_config("hub_root")
    monkeypatch.setenv("AIRFLOW_VAR_CUSTOMER_HUB_CONFIG", '{"hub_root": "/h", "jar": "/j.jar"}')
    with pytest.raises(Exception, match="lacks contracts_dir"):
        nightly.hub_config("hub_root")
    monkeypatch.setenv("AIRFLOW_VAR_CUSTOMER_HUB_CONFIG", '{"hub_root": "/h/", "jar": "/j.jar", "contracts_dir": "/c"}')
    assert nightly.hub_config("max_reject_rate") == 0.05
    assert nightly.hub_config("runs_export_dir") == "/h/_airflow/runs"


def test_contract_discovery(tmp_path):
    (tmp_path / "b.json").write_text('{"name": "web_accounts"}')
    (tmp_path / "a.json").write_text('{"name": "branch_crm"}')
    (tmp_path / "notes.txt").write_text("not a contract")
    assert nightly.contract_names(str(tmp_path)) == ["branch_crm", "web_accounts"]
    (tmp_path / "c.json").write_text('{"name": "branch_crm"}')
    with pytest.raises(Exception, match="several contracts"):
        nightly.contract_names(str(tmp_path))
    with pytest.raises(Exception, match="not a folder"):
        nightly.contract_names(str(tmp_path / "missing"))


def test_gate_rules():
    ok = {"status": "SUCCEEDED", "rows_read": 10, "rows_accepted": 9, "rows_quarantined": 1}
    assert nightly.gate_problems(["a"], {"a": ok}) == []
    assert "no ingest row" in nightly.gate_problems(["a", "b"], {"a": ok})[0]
    failed = {**ok, "status": "FAILED", "message": "reject rate above limit"}
    assert nightly.gate_problems(["a"], {"a": failed}) == [
        "a: FAILED: read 10, accepted 9, quarantined 1 (10.00%): reject rate above limit"]
    assert "do not reconcile" in nightly.gate_problems(["a"], {"a": {**ok, "rows_accepted": 8}})[0]
