"""Customer Hub weekly retrain: train a candidate matching model, then promote it only when it is not
worse than the model in use. See DOC_MD below (shown in the Airflow UI)."""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG

from customer_hub_common import DEFAULT_ARGS, hub_config, hub_job

DAG_ID = "customer_hub_retrain"

# Weekly run id: the logical date with a suffix, so the weekly rows in `runs` and `models` never
# share a run id with the nightly run of the same date.
RETRAIN_RUN_ARGS = ["--run-id", "{{ ds }}-retrain", "--hub-root", "{{ hub_config('hub_root') }}"]

DOC_MD = """
# Customer Hub weekly retrain

1. **`train`**: `hub train --no-promote` trains a candidate model on the current records (EM, no
   labels needed; active steward decisions are used as labels) and saves it in `models` under run id
   `<logical date>-retrain`, *not* promoted: the nightly run keeps using the model in use.
2. **`evaluate_and_promote`**: `hub promote-model --if-not-worse` compares the candidate with the model
   in use (the last promoted model trained before it, else the shipped defaults) and promotes it only
   when it is not worse. Production has no ground truth, so the evidence is:
   * with at least `promotion_min_labelled_pairs` active steward decisions of both kinds: the F1 of
     LINK decisions on them (candidate may be at most 0.01 below the model in use);
   * otherwise, label-free: every comparison's m/u still favour a match on agreement, and the LINK
     decisions on a fixed hash sample of the blocked pairs change on at most `promotion_max_drift`
     of them.
   The verdict and its reasons are in the `runs` table (step `promote_model`: counts, warnings,
   message) and in the task log. A candidate that is worse is **not promoted and the task still
   succeeds**: keeping the model in use is a normal weekly outcome, not an incident.

Both jobs rewrite only their own run id's rows: a retry or a cleared task is safe (a rerun of
`evaluate_and_promote` compares against the same model in use and reaches the same verdict).

Configuration: the Variable `customer_hub_config` of the nightly DAG (`hub_root`, `jar`, memory) plus
`train_max_block_size` (500), `promotion_max_drift` (0.05), `promotion_min_labelled_pairs` (50); the
Connection `customer_hub_spark`. Runs on Sundays at 12:00 UTC, well after the nightly run.
"""


def build_retrain_dag(dag_id: str = DAG_ID) -> DAG:
    with DAG(
        dag_id=dag_id,
        description="Customer Hub: weekly model training, promoted only when not worse",
        doc_md=DOC_MD,
        schedule="0 12 * * 0",
        start_date=pendulum.datetime(2026, 1, 4, tz="UTC"),
        catchup=False,
        max_active_runs=1,
        dagrun_timeout=timedelta(hours=6),
        default_args=DEFAULT_ARGS,
        user_defined_macros={"hub_config": hub_config},
        tags=["customer-hub", "identity-resolution", "spark", "model", "weekly"],
    ) as dag:
        train = SparkSubmitOperator(
            **hub_job(
                "train",
                ["train", "--no-promote", "--max-block-size", "{{ hub_config('train_max_block_size') }}"],
                run_args=RETRAIN_RUN_ARGS,
            )
        )
        promote = SparkSubmitOperator(
            **hub_job(
                "evaluate_and_promote",
                [
                    "promote-model", "--if-not-worse",
                    "--max-drift", "{{ hub_config('promotion_max_drift') }}",
                    "--min-labelled-pairs", "{{ hub_config('promotion_min_labelled_pairs') }}",
                ],
                run_args=RETRAIN_RUN_ARGS,
            )
        )
        train >> promote
    return dag


dag = build_retrain_dag()
