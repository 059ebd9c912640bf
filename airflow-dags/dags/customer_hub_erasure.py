"""Customer Hub erasure on request (right to be forgotten): `hub forget` for one golden id or one
source record, triggered by hand or through the API. See DOC_MD below (shown in the Airflow UI)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import DAG, Param, task
from airflow.sdk.exceptions import AirflowException

from customer_hub_common import DEFAULT_ARGS, HUB_ROOT, HUB_RUN_ID, HubSparkSubmitOperator, hub_config, hub_job

DAG_ID = "customer_hub_erasure"

GOLDEN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
SOURCE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # contract names
SOURCE_ID = re.compile(r"^[^\s-][^\r\n]{0,255}$")  # any id a silo uses, but no option look-alike or line break
REASON_LENGTH = (5, 500)

DOC_MD = """
# Customer Hub erasure (on demand)

Trigger with parameters (Airflow UI "Trigger DAG w/ config", or the REST API):

| param | meaning |
|---|---|
| `golden_id` | erase everything the hub holds about this golden customer, **or** |
| `source` + `source_id` | erase one source record (a contract name and the silo's id) |
| `reason` | why (ticket number, legal basis); 5-500 characters, stored with the erasure |
| `vacuum` | also VACUUM the tables so earlier Delta versions holding the data are deleted now (default false: they go with the next scheduled VACUUM) |

1. **`validate_request`** (no retries) fails at once, naming the problem, unless exactly one subject is
   given (a golden id, or a source with its id), the values are well formed and a reason is given.
   Airflow also checks the types against the params' JSON schema when the run is triggered.
2. **`forget`**: `hub forget --golden-id X | --source S --source-id I --reason TEXT [--vacuum]` through
   `SparkSubmitOperator`, with run id = the Airflow run id (made safe for the hub). The subject is
   added to the arguments only when the task runs: it is not stored among the rendered templates.
   Forgetting is idempotent: a retry, or triggering the same request again, finds nothing more to
   erase and records it in the `runs` table.

No schedule, no catchup; several requests may run one after the other (`max_active_runs=1`: each
rewrites the same tables).
"""


def erasure_arguments(params: dict[str, Any]) -> list[str]:
    """The `hub forget` arguments for a request; AirflowException naming every problem otherwise.

    Messages name the parameters, never their values (a source id can identify a person)."""
    golden_id, source, source_id = (
        (params.get(k) or "").strip() if isinstance(params.get(k), str) else params.get(k)
        for k in ("golden_id", "source", "source_id")
    )
    reason = params.get("reason")
    reason = reason.strip() if isinstance(reason, str) else reason
    problems = []
    if golden_id and (source or source_id):
        problems.append("give either golden_id or source + source_id, not both")
    elif not golden_id and not (source and source_id):
        problems.append("give golden_id, or source and source_id" if not (source or source_id)
                        else "source and source_id go together: give both")
    if golden_id and not (isinstance(golden_id, str) and GOLDEN_ID.match(golden_id)):
        problems.append("golden_id is not a golden id (letters, digits, . _ : -; up to 128)")
    if source and not (isinstance(source, str) and SOURCE_NAME.match(source)):
        problems.append("source is not a source (contract) name: lower-case letters, digits and _")
    if source_id and not (isinstance(source_id, str) and SOURCE_ID.match(source_id)):
        problems.append("source_id must be one line of at most 256 characters, not starting with '-' or a space")
    if not isinstance(reason, str) or not (REASON_LENGTH[0] <= len(reason) <= REASON_LENGTH[1]) or "\n" in reason:
        problems.append(f"reason is required: one line of {REASON_LENGTH[0]} to {REASON_LENGTH[1]} characters "
                        "(e.g. the ticket number and the legal basis)")
    vacuum = params.get("vacuum", False)
    if not isinstance(vacuum, bool):
        problems.append("vacuum must be true or false")
    if problems:
        raise AirflowException("erasure request refused:\n  " + "\n  ".join(problems))
    subject = ["--golden-id", golden_id] if golden_id else ["--source", source, "--source-id", source_id]
    return ["forget", *subject, "--reason", reason, *(["--vacuum"] if vacuum else [])]


def hub_run_id(airflow_run_id: str) -> str:
    """The Airflow run id as a hub run id (letters, digits, . _ : + -; at most 64 characters)."""
    safe = re.sub(r"[^A-Za-z0-9_.:+-]", "_", airflow_run_id).lstrip("_.:+-")[:64]
    if not HUB_RUN_ID.match(safe):
        raise AirflowException(f"run id {airflow_run_id!r} gives no usable hub run id")
    return safe


class HubForgetOperator(HubSparkSubmitOperator):
    """`hub forget`: the subject from the run's params goes in front of the rendered run options when
    the task runs, so it is validated again here and never stored as a rendered template."""

    def arguments(self, context: Any) -> list[str]:
        """The full `hub` arguments: the validated subject, then the rendered run options."""
        return [*erasure_arguments(context["params"]), *self.application_args]

    def execute(self, context: Any) -> None:
        self.application_args = self.arguments(context)
        return super().execute(context)


def build_erasure_dag(dag_id: str = DAG_ID) -> DAG:
    with DAG(
        dag_id=dag_id,
        description="Customer Hub: forget a golden customer or a source record on request",
        doc_md=DOC_MD,
        schedule=None,
        start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
        catchup=False,
        max_active_runs=1,
        dagrun_timeout=timedelta(hours=4),
        default_args=DEFAULT_ARGS,
        user_defined_macros={"hub_config": hub_config, "hub_run_id": hub_run_id},
        params={
            "golden_id": Param(None, type=["null", "string"], maxLength=128, description="golden id to forget"),
            "source": Param(None, type=["null", "string"], maxLength=64, description="source (contract name) of the record"),
            "source_id": Param(None, type=["null", "string"], maxLength=256, description="the record's id in that source"),
            "reason": Param(None, type=["null", "string"], maxLength=REASON_LENGTH[1], description="why (ticket, legal basis)"),
            "vacuum": Param(False, type="boolean", description="also VACUUM now so old table versions go too"),
        },
        tags=["customer-hub", "privacy", "spark", "on-demand"],
    ) as dag:

        @task(retries=0)
        def validate_request() -> str:
            """Fails with every problem of the request; names no values."""
            from airflow.sdk import get_current_context

            args = erasure_arguments(get_current_context()["params"])
            return f"request is valid: forget by {'golden id' if args[1] == '--golden-id' else 'source record'}" + (
                ", then vacuum" if "--vacuum" in args else "")

        forget = HubForgetOperator(
            **hub_job("forget", [], run_args=["--run-id", "{{ hub_run_id(run_id) }}", "--hub-root", HUB_ROOT])
        )
        validate_request() >> forget
    return dag


dag = build_erasure_dag()
