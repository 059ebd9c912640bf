"""The nightly DAG as Airflow loads it: import, structure, defaults, parse-time behaviour, templates."""

from __future__ import annotations

import re
import subprocess

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

import customer_hub_nightly as nightly
from conftest import ALL_DAG_IDS, DAGS_DIR, HUB_JAR, JAVA_HOME, render


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.dags[nightly.DAG_ID]


@pytest.fixture(scope="module")
def serialized_dag(serialized_bag):
    return serialized_bag.dags[nightly.DAG_ID]


def test_dag_folder_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dags) == set(ALL_DAG_IDS)


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
    assert set(bag.dags) == set(ALL_DAG_IDS)


def test_tasks_and_dependencies(dag):
    steps = nightly.RESOLVE_STEPS
    assert set(dag.task_ids) == {
        "discover_sources", "ingest", "export_ingest_counts", "reject_rate_gate", *steps,
        "export_cluster_counts", "cluster_gate", *nightly.PUBLISH_STEPS, "report", "nightly_published",
    }
    ingest, gate = dag.get_task("ingest"), dag.get_task("reject_rate_gate")
    # one ingest per source, mapped over what discover_sources finds at run time
    assert "discover_sources" in ingest.upstream_task_ids
    assert ingest.get_needs_expansion()
    # every ingest instance, and the runs export, before the gate
    assert {"ingest", "export_ingest_counts", "discover_sources"} <= gate.upstream_task_ids
    assert gate.trigger_rule == "all_done" and dag.get_task("export_ingest_counts").trigger_rule == "all_done"
    # the gate before every later step, in order, each only when everything before succeeded
    previous = "reject_rate_gate"
    for step in (*steps, "export_cluster_counts", "cluster_gate"):
        assert dag.get_task(step).upstream_task_ids == {previous}, step
        assert dag.get_task(step).trigger_rule == "all_success"
        previous = step
    # golden and the review queue in parallel, only after a passed cluster gate
    for step in nightly.PUBLISH_STEPS:
        assert dag.get_task(step).upstream_task_ids == {"cluster_gate"}
        assert dag.get_task(step).trigger_rule == "all_success"
    # the report last, whatever happened; the run's state from a leaf that needs every success
    report = dag.get_task("report")
    assert report.upstream_task_ids == set(nightly.PUBLISH_STEPS)
    assert report.trigger_rule == "all_done"
    assert [t.task_id for t in dag.leaves] == ["nightly_published"]
    published = dag.get_task("nightly_published")
    assert published.upstream_task_ids == {*nightly.PUBLISH_STEPS, "report"}
    assert published.trigger_rule == "all_success"
    # every step after the reject gate is downstream of it, and nothing skips the cluster gate
    assert set(gate.get_flat_relative_ids(upstream=False)) == {
        *steps, "export_cluster_counts", "cluster_gate", *nightly.PUBLISH_STEPS, "report", "nightly_published"}
    assert set(dag.get_task("cluster_gate").get_flat_relative_ids(upstream=False)) == {
        *nightly.PUBLISH_STEPS, "report", "nightly_published"}


def test_publishing_steps_run_the_agreed_subcommands(dag):
    golden = dag.get_task("golden").application_args
    assert golden[:3] == ["golden", "--contracts", "{{ hub_config('contracts_dir') }}"]
    assert dag.get_task("review_build").application_args[:2] == ["review", "build"]
    for task_id in ("golden", "review_build", "report", *nightly.RESOLVE_STEPS):
        assert dag.get_task(task_id).application_args[-4:] == ["--run-id", "{{ ds }}", "--hub-root", nightly.HUB_ROOT]


@pytest.mark.jar
def test_every_step_is_an_existing_hub_subcommand(hub_jar):
    """Every subcommand the three DAGs run exists in the jar (read from `hub --help`)."""
    import customer_hub_erasure
    import customer_hub_retrain

    help_text = subprocess.run([str(JAVA_HOME / "bin" / "java"), "-jar", str(HUB_JAR), "--help"],
                               capture_output=True, text=True, timeout=120, check=True).stdout
    commands = set(re.findall(r"^\s{2}([a-z][a-z-]*)\s", help_text.split("Commands:")[1], re.M))
    used = {"ingest", "export", *nightly.RESOLVE_STEPS, *(c[0] for c in nightly.PUBLISH_STEPS.values()),
            nightly.REPORT_COMMAND[0], "forget"}
    used |= {t.application_args[0] for t in customer_hub_retrain.dag.tasks}
    assert {"train", "promote-model"} <= used
    assert used <= commands, f"steps without a subcommand: {used - commands}"
    assert customer_hub_erasure.erasure_arguments({"golden_id": "g1", "reason": "ticket 12"})[0] in commands


def test_defaults(dag):
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert "discover_sources" in dag.doc_md
    assert {"customer-hub", "nightly"} <= set(dag.tags)
    for task in dag.tasks:
        assert task.owner == "customer-hub"
        if task.task_id not in ("reject_rate_gate", "cluster_gate"):
            assert task.retries >= 2, task.task_id
            assert task.retry_exponential_backoff, task.task_id
    for gate in ("reject_rate_gate", "cluster_gate"):
        assert dag.get_task(gate).retries == 0  # a failed gate is a verdict, not a glitch


def test_spark_jobs_run_the_hub_jar_with_java17_flags(dag):
    spark_tasks = [t for t in dag.tasks if isinstance(t, SparkSubmitOperator) or t.task_id == "ingest"]
    assert len(spark_tasks) == 9
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


def test_templates_render_the_logical_date_and_the_config(serialized_dag, capsys, monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_CUSTOMER_HUB_CONFIG",
                       '{"hub_root": "/data/hub", "contracts_dir": "/data/contracts", "jar": "/opt/hub.jar"}')
    out = render(serialized_dag, "export_ingest_counts", capsys)
    assert "'--run-id', '2026-11-23'" in out
    assert "'--hub-root', '/data/hub'" in out
    assert "'--out', '/data/hub/_airflow/runs/2026-11-23/ingest'" in out
    assert "/opt/hub.jar" in out
    out = render(serialized_dag, "golden", capsys)
    assert "['golden', '--contracts', '/data/contracts', '--run-id', '2026-11-23', '--hub-root', '/data/hub']" in out
    out = render(serialized_dag, "export_cluster_counts", capsys)
    assert "'--out', '/data/hub/_airflow/runs/2026-11-23/cluster'" in out


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


def cluster_row(**counts):
    base = {"largest_cluster": 4, "clusters_at_size_limit": 0, "cluster_size_limit": 50,
            "records_in_clusters_over.2": 300, "records_in_clusters_over.5": 0, "records_in_clusters_over.10": 0,
            "records_in_clusters_over.20": 0, "records_in_clusters_over.50": 0}
    return {"step": "cluster", "source": "*", "status": "SUCCEEDED", "rows_read": 1000, "counts": {**base, **counts}}


LIMITS = {**nightly.CONFIG_DEFAULTS, "hub_root": "/h", "jar": "/j", "contracts_dir": "/c"}


def test_cluster_gate_rules():
    assert nightly.cluster_gate_problems(cluster_row(), LIMITS) == []
    assert nightly.cluster_gate_problems(None, LIMITS) == ["no cluster row in the runs table for this run id"]
    assert nightly.cluster_gate_problems({**cluster_row(), "status": "FAILED", "message": "driver guard"}, LIMITS) == [
        "cluster step FAILED: driver guard"]
    assert nightly.cluster_gate_problems(cluster_row(largest_cluster=21), LIMITS) == [
        "largest cluster has 21 records (limit max_largest_cluster 20)"]
    # 1% of the records in clusters over 10 passes, more does not
    assert nightly.cluster_gate_problems(cluster_row(**{"records_in_clusters_over.10": 10}), LIMITS) == []
    assert nightly.cluster_gate_problems(cluster_row(**{"records_in_clusters_over.10": 11}), LIMITS) == [
        "11 of 1000 records (1.10%) are in clusters of more than 10 records (limit max_oversized_share 1.00%)"]
    # the threshold is configurable among the recorded sizes
    five = {**LIMITS, "oversized_cluster_size": 5}
    assert "more than 5 records" in nightly.cluster_gate_problems(cluster_row(**{"records_in_clusters_over.5": 50}), five)[0]
    with pytest.raises(Exception, match="oversized_cluster_size is 7"):
        nightly.cluster_gate_problems(cluster_row(), {**LIMITS, "oversized_cluster_size": 7})
    problems = nightly.cluster_gate_problems(cluster_row(clusters_at_size_limit=2, largest_cluster=50), LIMITS)
    assert len(problems) == 2 and "2 clusters reached the clustering's size limit of 50" in problems[1]
    # a hub jar without the figures fails the gate instead of passing it blindly
    old = {**cluster_row(), "counts": {"largest_cluster": 3}}
    assert "predates the cluster-anomaly gate" in nightly.cluster_gate_problems(old, LIMITS)[0]


def test_runs_export_reader(tmp_path):
    (tmp_path / "part-00000.json").write_text(
        '{"step": "ingest", "source": "a", "status": "SUCCEEDED"}\n\n{"step": "cluster", "source": "*", "status": "SUCCEEDED"}\n')
    (tmp_path / ".part-00000.json.crc").write_text("binary")
    assert list(nightly.read_runs_export(str(tmp_path), "cluster")) == ["*"]
    assert list(nightly.read_ingest_counts("file://" + str(tmp_path))) == ["a"]
    with pytest.raises(Exception, match="no runs export"):
        nightly.read_runs_export("s3://bucket/runs", "cluster")
