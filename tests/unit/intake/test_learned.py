"""Corrections that teach: a phrase intake does not know is corrected once, and the next report that uses it
comes out right. The report texts were WRITTEN BY THE AUTHOR OF THESE TESTS (made-up figures, real place names)."""
from __future__ import annotations

import threading
from datetime import date

from geo.intake import learned
from geo.intake.propose import propose_text

# 送戒 (sent to rehab) and “神仙水” (a street name) are in no built-in table
FIRST = "2022年，祁东县送戒吸毒人员45名，缴获“神仙水”300克。道州收费站查获冰毒2公斤。"
SECOND = "2023年上半年，祁东县送戒吸毒人员52名，查获“神仙水”1.5公斤。道州收费站又查获冰毒3公斤。"


def proposals(text: str, taught=None) -> list[dict]:
    return propose_text(text, "t.txt", date(2023, 7, 5), "430400", learned=taught)["records"]


def teach(store: learned.LearnedVocab) -> None:
    """The review of the first report: staff set the indicator, the drug and the place once."""
    fig, seizure, other = proposals(FIRST)
    assert (fig["indicator"], seizure["drug"], other["adcode"]) == (None, "unspecified", "430426")  # not known yet
    store.add(learned.lessons(fig, fig | {"indicator": "compulsory_rehab"}, "王芳")
              + learned.lessons(seizure, seizure | {"drug": "synthetic"}, "王芳")
              + learned.lessons(other, other | {"adcode": "431124"}, "王芳"))


def check_next_report(store: learned.LearnedVocab) -> None:
    fig, seizure, other = proposals(SECOND, store.entries())
    assert (fig["indicator"], fig["metric"]) == ("compulsory_rehab", "compulsory_isolation_rehab")
    assert seizure["drug"] == "synthetic" and other["adcode"] == "431124" and other["place_zh"] == "道县"
    note = fig["learned"][0]
    assert (note["user"], note["phrase"], note["conflict"]) == ("王芳", "送戒吸毒人员", "")
    assert len(note["day"]) == 10


def test_a_correction_teaches_the_next_report_on_files(tmp_path):
    store = learned.FolderLearnedVocab(tmp_path)
    teach(store)
    assert (tmp_path / ".intake" / "learned_vocab.csv").exists()
    check_next_report(learned.FolderLearnedVocab(tmp_path))  # read back from the file


def test_a_learned_entry_that_disagrees_with_a_built_in_rule_says_so():
    fig = proposals("2023年，全县依法刑事拘留涉毒人员30名。")[0]
    assert fig["indicator"] == "criminal_detentions"
    taught = learned.lessons(fig, fig | {"indicator": "suspects_arrested"}, "李强", "2024-03-01T08:00:00+00:00")
    again = proposals("2024年，全县依法刑事拘留涉毒人员41名。", taught)[0]
    assert again["indicator"] == "suspects_arrested"
    assert again["learned"][0]["conflict"] == "criminal_detentions" and again["learned"][0]["day"] == "2024-03-01"


def test_clearing_an_indicator_teaches_that_the_phrase_names_none():
    fig = proposals("2023年，协作抓获涉毒人员12名。")[0]
    taught = learned.lessons(fig, fig | {"indicator": None}, "李强")
    assert [(e.phrase, e.value) for e in taught] == [("协作抓获涉毒人员", learned.NONE)]
    assert proposals("2024年，协作抓获涉毒人员9名。", taught)[0]["indicator"] is None


def test_a_figure_without_words_of_its_own_teaches_nothing():
    fig = proposals("宁远县外流贩毒人员逐年减少，2015年105人。")[0]
    assert fig["value"] == 105
    assert learned.lessons(fig, fig | {"indicator": "outflow_traffickers"}, "李强") == []
    fig = proposals("2023年，当场抓获80名。")[0]  # only a verb: it would re-label every 抓获
    assert learned.lessons(fig, fig | {"indicator": "suspects_arrested"}, "李强") == []


def test_folder_store_replaces_and_removes_and_keeps_concurrent_adds(tmp_path):
    store = learned.FolderLearnedVocab(tmp_path)
    a = learned.Entry("indicator", "送戒", "compulsory_rehab", "甲", "2024-01-01T00:00:00+00:00")
    store.add([a])
    store.add([a.__class__("indicator", "送戒", "community_rehab", "乙", "2024-01-02T00:00:00+00:00")])
    assert [(e.value, e.user) for e in store.entries()] == [("community_rehab", "乙")]
    threads = [threading.Thread(target=store.add, args=([learned.Entry("drug", f"词{i}", "synthetic", "甲",
                                                                           "2024-01-03T00:00:00+00:00")],))
               for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(store.entries()) == 9  # no add lost another's entry
    assert store.remove(a.ident) and not store.remove(a.ident)
    assert len(store.entries()) == 8


def test_a_batch_reviewed_outside_the_app_teaches_the_folder_store(tmp_path, monkeypatch):
    from geo import backend
    from geo.backend import teach

    monkeypatch.delenv("DASHBOARD_DATABASE_URL", raising=False)
    monkeypatch.setattr(backend, "learned_store", lambda: learned.FolderLearnedVocab(tmp_path))
    fig = proposals(FIRST)[0]
    taught = teach([fig], [fig | {"indicator": "compulsory_rehab"}], "王芳")
    assert [e.phrase for e in taught] == [e.phrase for e in learned.FolderLearnedVocab(tmp_path).entries()]
    assert proposals(SECOND, taught)[0]["indicator"] == "compulsory_rehab"
