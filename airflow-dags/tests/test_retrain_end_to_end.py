"""The weekly retrain DAG run for real with `dag.test()`: `hub train` and `hub promote-model` as real
`spark-submit`s of the hub jar to a Spark standalone master + worker on 127.0.0.1."""

from __future__ import annotations

import pendulum
import pytest

import customer_hub_retrain as retrain
from conftest import hub, read_runs
from test_nightly_end_to_end import load_dag, states, timed_run


@pytest.mark.slow_e2e
def test_retrain_trains_a_candidate_and_records_the_promotion_verdict(demo_data, airflow_env, work_dir):
    # a hub with matched pairs, built locally in one JVM (the nightly DAG's own test covers those steps)
    hub_root = work_dir / "hub-retrain"
    hub("nightly", "--contracts", str(demo_data / "contracts"), "--hub-root", str(hub_root), "--run-id", "2026-11-21",
        timeout=1200)
    airflow_env(hub_root=str(hub_root), contracts_dir=str(demo_data / "contracts"))

    dag_run = timed_run(load_dag(retrain.DAG_ID), pendulum.datetime(2026, 11, 22, 12, tz="UTC"))

    got = states(dag_run)
    assert dag_run.state == "success", got
    assert got == {("train", -1): "success", ("evaluate_and_promote", -1): "success"}
    run_id = "2026-11-22-retrain"
    train = read_runs(hub_root, run_id, work_dir / "runs-train", "train")["*"]
    assert train["status"] == "SUCCEEDED" and "(not promoted)" in train["message"]
    verdict = read_runs(hub_root, run_id, work_dir / "runs-promote", "promote_model")["*"]
    print(f"\nretrain verdict: {verdict['message']}; " + "; ".join(verdict["warnings"]))
    assert verdict["status"] == "SUCCEEDED"
    counts = verdict["counts"]
    assert counts["sample_pairs"] > 0  # compared on the blocked pairs of the match step
    assert counts["promoted"] == counts["not_worse"]  # --if-not-worse: promoted exactly when not worse
    assert ("promoted over" in verdict["message"]) == (counts["promoted"] == 1)
