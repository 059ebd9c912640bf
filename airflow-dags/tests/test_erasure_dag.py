"""The on-demand erasure DAG: structure, params and their validation, templates, the operator's arguments."""

from __future__ import annotations

import pytest
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

import customer_hub_common as common
import customer_hub_erasure as erasure
from conftest import render


@pytest.fixture(scope="module")
def dag(dagbag):
    assert dagbag.import_errors == {}
    return dagbag.dags[erasure.DAG_ID]


def test_validate_then_forget_on_demand_only(dag):
    assert type(dag.timetable).__name__ == "NullTimetable"  # schedule=None: triggered only
    assert dag.catchup is False and dag.max_active_runs == 1
    assert set(dag.task_ids) == {"validate_request", "forget"}
    assert dag.get_task("forget").upstream_task_ids == {"validate_request"}
    assert dag.get_task("validate_request").retries == 0  # a refused request is not a glitch
    forget = dag.get_task("forget")
    assert isinstance(forget, SparkSubmitOperator)
    assert forget.retries >= 2 and forget.retry_exponential_backoff
    assert forget._java_class == common.HUB_MAIN_CLASS
    # the subject is added when the task runs, never stored as a rendered template
    assert forget.application_args == ["--run-id", "{{ hub_run_id(run_id) }}", "--hub-root", common.HUB_ROOT]
    assert {"customer-hub", "privacy"} <= set(dag.tags)
    assert dag.params["vacuum"] is False and dag.params["golden_id"] is None


def test_request_arguments():
    assert erasure.erasure_arguments({"golden_id": "G-00042", "reason": "ticket 123, art. 17"}) == [
        "forget", "--golden-id", "G-00042", "--reason", "ticket 123, art. 17"]
    assert erasure.erasure_arguments({"source": "branch_crm", "source_id": "C 17/4", "reason": " ticket 9 ", "vacuum": True}) == [
        "forget", "--source", "branch_crm", "--source-id", "C 17/4", "--reason", "ticket 9", "--vacuum"]


@pytest.mark.parametrize("params, problem", [
    ({"reason": "ticket 1"}, "give golden_id, or source and source_id"),
    ({"golden_id": "G1", "source": "crm", "source_id": "7", "reason": "ticket 1"}, "not both"),
    ({"source": "crm", "reason": "ticket 1"}, "source and source_id go together"),
    ({"source_id": "7", "reason": "ticket 1"}, "source and source_id go together"),
    ({"golden_id": "G1"}, "reason is required"),
    ({"golden_id": "G1", "reason": "ok"}, "reason is required"),
    ({"golden_id": "G1", "reason": "two\nlines"}, "reason is required"),
    ({"golden_id": "--vacuum", "reason": "ticket 1"}, "golden_id is not a golden id"),
    ({"source": "Branch CRM", "source_id": "7", "reason": "ticket 1"}, "source is not a source"),
    ({"source": "crm", "source_id": "-x", "reason": "ticket 1"}, "source_id must be one line"),
    ({"golden_id": "G1", "reason": "ticket 1", "vacuum": "yes"}, "vacuum must be true or false"),
])
def test_refused_requests_name_the_problem_but_no_value(params, problem):
    with pytest.raises(Exception, match="erasure request refused") as refused:
        erasure.erasure_arguments(params)
    message = str(refused.value)
    assert problem in message
    for key in ("source_id",):
        if params.get(key) and len(params[key]) > 2:
            assert params[key] not in message


def test_params_schema_is_checked_when_a_run_is_triggered(dag):
    from airflow.sdk.definitions.param import ParamsDict

    params = ParamsDict(dag.params)  # a copy; what a trigger with a conf resolves and validates
    params["golden_id"] = "G1"
    params["reason"] = "ticket 1"
    assert params.validate()["golden_id"] == "G1"
    with pytest.raises(Exception, match="vacuum"):
        params["vacuum"] = "yes"
    with pytest.raises(Exception, match="golden_id"):
        params["golden_id"] = 42


def test_hub_run_id_from_airflow_run_ids():
    assert erasure.hub_run_id("manual__2026-11-23T07:12:13.123456+00:00") == "manual__2026-11-23T07:12:13.123456+00:00"
    assert erasure.hub_run_id("api request #7 / 2026") == "api_request__7___2026"
    assert len(erasure.hub_run_id("x" * 200)) == 64
    with pytest.raises(Exception, match="no usable hub run id"):
        erasure.hub_run_id("///")


def test_forget_operator_puts_the_subject_first(dag):
    """What HubForgetOperator.execute hands to spark-submit: the validated subject, then the run options."""
    task = erasure.build_erasure_dag("customer_hub_erasure_copy").get_task("forget")
    task.application_args = ["--run-id", "manual__x", "--hub-root", "/h"]  # as rendered
    assert task.arguments({"params": {"golden_id": "G7", "reason": "ticket 55", "vacuum": True}}) == [
        "forget", "--golden-id", "G7", "--reason", "ticket 55", "--vacuum", "--run-id", "manual__x", "--hub-root", "/h"]
    with pytest.raises(Exception, match="erasure request refused"):
        task.arguments({"params": {"golden_id": "G7"}})


def test_templates_render_a_hub_safe_run_id(serialized_bag, capsys, monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_CUSTOMER_HUB_CONFIG", '{"hub_root": "/data/hub", "contracts_dir": "/c", "jar": "/opt/hub.jar"}')
    out = render(serialized_bag.dags[erasure.DAG_ID], "forget", capsys)
    assert "'--hub-root', '/data/hub'" in out
    run_id = out.split("'--run-id', '")[1].split("'")[0]
    assert common.HUB_RUN_ID.match(run_id), run_id
