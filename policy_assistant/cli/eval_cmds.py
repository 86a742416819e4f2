"""`policy-assistant eval`: the Q&A evaluation suite, system beside the peer baselines."""

from __future__ import annotations

from pathlib import Path

import click

from .common import UserError, emit_json, json_option


@click.command("eval")
@click.option("--split", type=click.Choice(["dev", "heldout", "all"]), default="dev",
              show_default=True, help="评测哪一部分 (which split)")
@click.option("--out", "out_dir", default="artifacts/eval", show_default=True,
              metavar="DIR", help="Markdown 报告、JSON 与图的输出目录 (report directory)")
@click.option("--data", "data", default=None, metavar="FILE",
              help="另一个 JSONL 评测集 (another dataset file)")
@click.option("--no-dense-baseline", "no_dense", is_flag=True,
              help="不运行含向量检索的分块基线 (skip the dense chunk baseline)")
@click.option("--no-baselines", "no_baselines", is_flag=True,
              help="只评测本系统 (system only)")
@click.option("--against", "against", default=None, metavar="FILE",
              help="与以前的 eval JSON 报告逐条比较 (item-level diff against a previous report)")
@json_option
def eval_cmd(split: str, out_dir: str, data: str | None, no_dense: bool, no_baselines: bool,
             against: str | None, as_json: bool) -> None:
    """运行问答评测集，打印报告并写入 Markdown、JSON 和图 (run the evaluation suite)."""
    from evals import DatasetError, run

    if data is not None and not Path(data).is_file():
        raise UserError(f"找不到评测集文件 (no such dataset file): {data}")
    previous = None
    if against is not None:
        from evals.diff import load_report

        try:
            previous = load_report(against)
        except (OSError, ValueError) as exc:
            raise UserError(f"无法读取以前的报告 (cannot read previous report): {exc}") from None
    try:
        report = run(split, path=data, baselines=not no_baselines,
                     dense_baseline=not no_dense)
    except DatasetError as exc:
        raise UserError(f"评测集格式错误 (bad dataset): {exc}") from None
    try:
        files = report.write(out_dir)
    except OSError as exc:
        raise UserError(f"无法写入报告目录 (cannot write report to) {out_dir}: "
                        f"{exc.strerror}") from None
    result = report.to_json()
    changes = None
    if previous is not None:
        from evals.diff import diff, format_diff

        changes = diff(previous, result)
    if as_json:
        extra: dict[str, object] = {"files": {k: str(v) for k, v in files.items()}}
        if changes is not None:
            extra["diff"] = {k: [c.to_json() for c in v] for k, v in changes.items()}
        emit_json({**result, **extra})
        return
    click.echo(report.table())
    if changes is not None:
        click.echo("")
        click.echo(format_diff(changes))
    click.echo("")
    click.echo(f"报告 (report): {files['markdown']}  图 (plot): {files['plot']}")
