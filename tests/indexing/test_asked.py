"""The question channel's labelled questions (indexing/data/asked_questions.jsonl): every id is a
unit of the shipped corpus, none is an eval question (the eval would then measure memory), and the
channel moves an article up for a question phrased like the ones it was labelled with."""

from __future__ import annotations

import json
import re

from corpus import get_corpus
from evals.dataset import load_items
from indexing.asked import AskedIndex, labelled_questions, scaled
from indexing.settings import DATA_DIR


def test_every_labelled_id_is_a_top_level_unit() -> None:
    corpus = get_corpus()
    questions = labelled_questions()
    assert len(questions) > 1000
    bad = [(q, i) for q, ids in questions for i in ids
           if i.count(":") != 1 or not corpus.has(i)]
    assert not bad


def test_no_eval_question_is_in_the_log() -> None:
    def norm(text: str) -> str:
        return re.sub(r"[\s，,。？?！!、“”\"']", "", text)

    asked = {norm(q) for q, _ in labelled_questions()}
    shared = [i.id for i in load_items() for q in {i.question, *(i.inputs or ())}
              if q and norm(q) in asked]
    assert not shared


def test_log_lines_are_objects_with_question_and_ids() -> None:
    for line in (DATA_DIR / "asked_questions.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        assert set(d) == {"q", "ids"} and d["q"].strip() and d["ids"]


def test_channel_scores_the_article_its_questions_share_words_with() -> None:
    index = AskedIndex([(["申诉", "期限"], ["qinghai:第十七条"]),
                        (["公示", "几天"], ["qinghai:第十三条"])], lambda cid: True)
    scores = scaled(index.scores(["申诉", "几天"]), lambda cid: True)
    assert set(scores) == {"qinghai:第十七条", "qinghai:第十三条"}
    assert max(scores.values()) == 1.0
    assert scaled(index.scores(["申诉"]), lambda cid: cid.startswith("zhangye")) == {}
