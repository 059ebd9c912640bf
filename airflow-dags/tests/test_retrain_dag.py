"""The weekly retrain DAG as Airflow loads it: structure, defaults, templates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

import customer_hub_common as common
import customer_hub_retrain as retrain
from conftest import render


@pytest.fixture(scope="module")
def dag(dagbag):
    assert dagbag.import_errors == {}
    return dagbag.dags[retrain.DAG_ID]


def test_train_then_evaluate_and_promote(dag):
    assert set(dag.task_ids) == {"train", "evaluate_and_promote"}
    train, promote = dag.get_task("train"), dag.get_task("evaluate_and_promote")
    assert promote.upstream_task_ids == {"train"}
    assert promote.trigger_rule == "all_success"
    assert isinstance(train, SparkSubmitOperator) and isinstance(promote, SparkSubmitOperator)
    # the candidate is saved unpromoted; only the gate promotes, and only when it is not worse
    assert train.application_args[:2] == ["train", "--no-promote"]
    assert promote.application_args[:2] == ["promote-model", "--if-not-worse"]
    assert "--fail-if-worse" not in promote.application_args  # keeping the model in use is not an incident
    for task in (train, promote):
        assert task._java_class == common.HUB_MAIN_CLASS
        assert task._conn_id == common.SPARK_CONN_ID
        assert task.application == "{{ hub_config('jar') }}"
        assert task.application_args[-4:] == retrain.RETRAIN_RUN_ARGS


def test_defaults(dag):
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert "promote-model --if-not-worse" in dag.doc_md
    assert {"customer-hub", "weekly"} <= set(dag.tags)
    assert dag.timetable.expression == "0 12 * * 0"  # weekly, Sunday noon UTC
    for task in dag.tasks:
        assert task.owner == "customer-hub"
        assert task.retries >= 2 and task.retry_exponential_backoff
        assert task.retry_delay == timedelta(minutes=2)


def test_templates_render_the_weekly_run_id_and_the_promotion_limits(serialized_bag, capsys, monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_CUSTOMER_HUB_CONFIG",
                       '{"hub_root": "s3a://lake/hub", "contracts_dir": "/c", "jar": "/opt/hub.jar", "promotion_max_drift": 0.02}')
    dag = serialized_bag.dags[retrain.DAG_ID]
    out = render(dag, "evaluate_and_promote", capsys)
    assert ("['promote-model', '--if-not-worse', '--max-drift', '0.02', '--min-labelled-pairs', '50', "
            "'--run-id', '2026-11-23-retrain', '--hub-root', 's3a://lake/hub']") in out
    out = render(dag, "train", capsys)
    assert "['train', '--no-promote', '--max-block-size', '500', '--run-id', '2026-11-23-retrain'" in out
    assert "/opt/hub.jar" in out
    # the weekly run id is a valid hub run id, distinct from the nightly run of the same date
    assert common.HUB_RUN_ID.match("2026-11-23-retrain")
